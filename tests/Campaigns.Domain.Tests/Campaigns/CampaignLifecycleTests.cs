using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;

namespace Campaigns.Domain.Tests.Campaigns;

public sealed class CampaignLifecycleTests
{
    private static readonly CampaignId Id = new(Guid.Parse("0197a5d2-3c4e-7f00-8a1b-2c3d4e5f6a7b"));

    public static TheoryData<CampaignStatus, CampaignTransition, CampaignStatus> Allowed => new()
    {
        { CampaignStatus.Draft, CampaignTransition.Prepare, CampaignStatus.Preparing },
        { CampaignStatus.Preparing, CampaignTransition.FinishPreparing, CampaignStatus.Ready },
        { CampaignStatus.Preparing, CampaignTransition.AbandonPreparing, CampaignStatus.Draft },
        { CampaignStatus.Preparing, CampaignTransition.BackToDraft, CampaignStatus.Draft },
        { CampaignStatus.Ready, CampaignTransition.BackToDraft, CampaignStatus.Draft },
        { CampaignStatus.Ready, CampaignTransition.Start, CampaignStatus.Running },
        { CampaignStatus.Scheduled, CampaignTransition.Begin, CampaignStatus.Running },
        { CampaignStatus.Running, CampaignTransition.Pause, CampaignStatus.Paused },
        { CampaignStatus.Scheduled, CampaignTransition.Pause, CampaignStatus.Paused },
        { CampaignStatus.Paused, CampaignTransition.Resume, CampaignStatus.Running },
        { CampaignStatus.Running, CampaignTransition.Complete, CampaignStatus.Completed },
        { CampaignStatus.Draft, CampaignTransition.Cancel, CampaignStatus.Cancelled },
        { CampaignStatus.Preparing, CampaignTransition.Cancel, CampaignStatus.Cancelled },
        { CampaignStatus.Ready, CampaignTransition.Cancel, CampaignStatus.Cancelled },
        { CampaignStatus.Scheduled, CampaignTransition.Cancel, CampaignStatus.Cancelled },
        { CampaignStatus.Running, CampaignTransition.Cancel, CampaignStatus.Cancelled },
        { CampaignStatus.Paused, CampaignTransition.Cancel, CampaignStatus.Cancelled },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Apply_AllowedMove_ReturnsTheNewStatus(CampaignStatus from, CampaignTransition transition, CampaignStatus to)
    {
        var result = CampaignLifecycle.Apply(Id, from, transition);

        Assert.True(result.IsSuccess);
        Assert.Equal(to, result.Value);
    }

    [Fact]
    public void Apply_EveryOtherMove_IsAConflict()
    {
        var allowed = Allowed.Select(row => (row.Data.Item1, row.Data.Item2)).ToHashSet();
        var refused = 0;

        foreach (var from in Enum.GetValues<CampaignStatus>())
        {
            foreach (var transition in Enum.GetValues<CampaignTransition>())
            {
                if (allowed.Contains((from, transition)))
                {
                    continue;
                }

                var result = CampaignLifecycle.Apply(Id, from, transition);
                Assert.False(result.IsSuccess, $"{from} + {transition} should be refused");
                Assert.Equal(ErrorKind.Conflict, result.Error.Kind);
                Assert.Equal(CampaignErrors.Name(from), result.Error.Details["campaignStatus"]);
                refused++;
            }
        }

        Assert.Equal((8 * 10) - 17, refused);
    }

    [Theory]
    [InlineData(-1, CampaignStatus.Running)]
    [InlineData(0, CampaignStatus.Running)]
    [InlineData(1, CampaignStatus.Scheduled)]
    public void Start_ReadyWithStartAt_IsScheduledOnlyWhileTheStartLiesAhead(int startInSeconds, CampaignStatus expected)
    {
        var now = NodaTime.Instant.FromUtc(2026, 3, 1, 9, 0);

        var result = CampaignLifecycle.Start(Id, CampaignStatus.Ready, now.Plus(NodaTime.Duration.FromSeconds(startInSeconds)), now);

        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData(-1, CampaignStatus.Running)]
    [InlineData(60, CampaignStatus.Scheduled)]
    public void Resume_PausedWithStartAt_IsScheduledAgainOnlyWhileTheStartLiesAhead(int startInSeconds, CampaignStatus expected)
    {
        var now = NodaTime.Instant.FromUtc(2026, 3, 1, 9, 0);

        var result = CampaignLifecycle.Resume(Id, CampaignStatus.Paused, now.Plus(NodaTime.Duration.FromSeconds(startInSeconds)), now);

        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void Start_NotReady_IsAConflictNamingTheStatus()
    {
        var error = CampaignLifecycle.Start(Id, CampaignStatus.Running, null, NodaTime.Instant.FromUtc(2026, 3, 1, 9, 0)).Error;

        Assert.Equal(("campaign.invalid_transition", "running"), (error.Code, error.Details["campaignStatus"]));
    }

    [Theory]
    [InlineData(CampaignStatus.Preparing)]
    [InlineData(CampaignStatus.Ready)]
    [InlineData(CampaignStatus.Completed)]
    public void Apply_PrepareWhenNotDraft_ReturnsNotDraft(CampaignStatus status)
    {
        var error = CampaignLifecycle.Apply(Id, status, CampaignTransition.Prepare).Error;

        Assert.Equal("campaign.not_draft", error.Code);
        Assert.Contains($"is {CampaignErrors.Name(status)}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CampaignStatus.Draft)]
    [InlineData(CampaignStatus.Running)]
    [InlineData(CampaignStatus.Paused)]
    [InlineData(CampaignStatus.Cancelled)]
    public void Apply_BackToDraftOnceSendingCouldHaveBegun_ReturnsInvalidTransition(CampaignStatus status)
    {
        var error = CampaignLifecycle.Apply(Id, status, CampaignTransition.BackToDraft).Error;

        Assert.Equal(("campaign.invalid_transition", ErrorKind.Conflict), (error.Code, error.Kind));
        Assert.Contains("cannot go back to draft (only a preparing or ready campaign can", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CampaignStatus.Completed)]
    [InlineData(CampaignStatus.Cancelled)]
    public void Apply_CancelWhenTerminal_ReturnsInvalidTransition(CampaignStatus status)
    {
        var error = CampaignLifecycle.Apply(Id, status, CampaignTransition.Cancel).Error;

        Assert.Equal("campaign.invalid_transition", error.Code);
        Assert.Contains("cannot be cancelled", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CampaignStatus.Draft, true)]
    [InlineData(CampaignStatus.Preparing, false)]
    [InlineData(CampaignStatus.Ready, false)]
    [InlineData(CampaignStatus.Running, false)]
    [InlineData(CampaignStatus.Cancelled, false)]
    public void CheckEditable_OnlyADraft_IsEditable(CampaignStatus status, bool editable)
    {
        var error = CampaignLifecycle.CheckEditable(Id, status);

        Assert.Equal(editable, error is null);
        if (error is not null)
        {
            Assert.Equal(("campaign.not_draft", ErrorKind.Conflict), (error.Code, error.Kind));
        }
    }

    [Theory]
    [InlineData(CampaignStatus.Draft, true)]
    [InlineData(CampaignStatus.Ready, true)]
    [InlineData(CampaignStatus.Preparing, false)]
    [InlineData(CampaignStatus.Running, false)]
    [InlineData(CampaignStatus.Paused, false)]
    [InlineData(CampaignStatus.Completed, false)]
    [InlineData(CampaignStatus.Cancelled, false)]
    public void CheckDeletable_DraftOrReady_IsDeletable(CampaignStatus status, bool deletable)
    {
        var error = CampaignLifecycle.CheckDeletable(Id, status);

        Assert.Equal(deletable, error is null);
        if (error is not null)
        {
            Assert.Equal(("campaign.not_deletable", ErrorKind.Conflict), (error.Code, error.Kind));
        }
    }

    [Theory]
    [InlineData(CampaignStatus.Completed, true)]
    [InlineData(CampaignStatus.Cancelled, true)]
    [InlineData(CampaignStatus.Paused, false)]
    [InlineData(CampaignStatus.Draft, false)]
    public void IsTerminal_CompletedOrCancelled_IsTerminal(CampaignStatus status, bool terminal) =>
        Assert.Equal(terminal, CampaignLifecycle.IsTerminal(status));
}
