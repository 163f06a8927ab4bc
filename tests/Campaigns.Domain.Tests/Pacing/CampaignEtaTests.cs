using Campaigns.Domain.Pacing;
using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Tests.Pacing;

public sealed class CampaignEtaTests
{
    private static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];
    private static readonly LocalDate Today = new(2026, 11, 26);
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 26, 9, 0); // 12:00 in Nairobi
    private static readonly Instant NairobiMidnight = Instant.FromUtc(2026, 11, 26, 21, 0);
    private static readonly SendWindow Always = SendWindow.Default; // each recipient's zone: taken as always open

    [Fact]
    public void Estimate_NothingLeft_IsNull() =>
        Assert.Null(CampaignEta.Estimate([CreateWorkload(queued: 0)], 0, Always, Now));

    [Fact]
    public void Estimate_MessagesButNoSender_IsNull() =>
        Assert.Null(CampaignEta.Estimate([], 10, Always, Now));

    [Fact]
    public void Estimate_WithinTodaysCap_IsOneMeanGapPerMessageAfterTheFirst()
    {
        // Default settings: a mean gap of 1 s + (1 s + 5 s) / 2 = 4 s.
        var finish = CampaignEta.Estimate([CreateWorkload(queued: 5)], 0, Always, Now);

        Assert.Equal(Now + Duration.FromSeconds(16), finish);
    }

    [Fact]
    public void Estimate_NextSendLater_StartsThere()
    {
        var finish = CampaignEta.Estimate([CreateWorkload(queued: 2, nextSendAt: Now + Duration.FromMinutes(1))], 0, Always, Now);

        Assert.Equal(Now + Duration.FromMinutes(1) + Duration.FromSeconds(4), finish);
    }

    [Fact]
    public void Estimate_CapReachedToday_ResumesAtTheNextLocalMidnight()
    {
        var state = new PacingState(Today, 10, 12, Now);

        var finish = CampaignEta.Estimate([CreateWorkload(queued: 5, state: state)], 0, Always, Now);

        // Two today, three from midnight in Nairobi.
        Assert.Equal(NairobiMidnight + Duration.FromSeconds(8), finish);
    }

    [Fact]
    public void Estimate_ManyDays_UsesEachDaysCap()
    {
        var settings = SenderSettings.Create("Africa/Nairobi", Today.PlusDays(-100), dailyCapMin: 100, dailyCapMax: 100, jitterMinMs: 0, jitterMaxMs: 0).Value;
        var state = new PacingState(Today, 100, 100, Now);

        var finish = CampaignEta.Estimate([CreateWorkload(queued: 250, state: state, settings: settings)], 0, Always, Now);

        // 100 on each of the next two days, 50 on the third: the 50th one second after that midnight's first.
        Assert.Equal(NairobiMidnight + Duration.FromDays(2) + Duration.FromSeconds(49), finish);
    }

    [Fact]
    public void Estimate_YoungNumber_FollowsTheWarmUpRamp()
    {
        var settings = SenderSettings.Create("Africa/Nairobi", Today, jitterMinMs: 0, jitterMaxMs: 0).Value;

        var finish = CampaignEta.Estimate([CreateWorkload(queued: 21, settings: settings)], 0, Always, Now);

        // 20 on its first day, the 21st at the next midnight.
        Assert.Equal(NairobiMidnight, finish);
    }

    [Fact]
    public void Estimate_SenderInAnotherZone_ResumesAtItsOwnMidnight()
    {
        var settings = CreateSettings().WithTimeZone(DateTimeZoneProviders.Tzdb["America/New_York"]);
        var state = new PacingState(new LocalDate(2026, 11, 26), 12, 12, Now);

        var finish = CampaignEta.Estimate([CreateWorkload(queued: 1, state: state, settings: settings)], 0, Always, Now);

        Assert.Equal(Instant.FromUtc(2026, 11, 27, 5, 0), finish);
    }

    [Fact]
    public void Estimate_FixedZoneWindow_SkipsClosedHours()
    {
        var window = SendWindow.Parse(new SendWindowDraft("08:00", "20:00", null, "Africa/Nairobi")).Value;
        var now = Instant.FromUtc(2026, 11, 26, 16, 59, 56); // 19:59:56 in Nairobi: room for one more send today

        var finish = CampaignEta.Estimate([CreateWorkload(queued: 3)], 0, window, now);

        // 19:59:56, then 08:00:00 and 08:00:04 the next morning.
        Assert.Equal(Instant.FromUtc(2026, 11, 27, 5, 0, 4), finish);
    }

    [Fact]
    public void Estimate_FixedZoneWindowWithTwoRanges_SkipsTheHoursBetweenThem()
    {
        var window = SendWindow.Parse(new SendWindowDraft(TimeZone: "Africa/Nairobi", Ranges: [new("09:00", "12:00"), new("14:00", "18:00")])).Value;
        var now = Instant.FromUtc(2026, 11, 26, 8, 59, 56); // 11:59:56 in Nairobi: room for one more send this morning

        var finish = CampaignEta.Estimate([CreateWorkload(queued: 3)], 0, window, now);

        // 11:59:56, then 14:00:00 and 14:00:04 the same afternoon.
        Assert.Equal(Instant.FromUtc(2026, 11, 26, 11, 0, 4), finish);
    }

    [Fact]
    public void Estimate_FixedZoneWindowClosedNow_StartsAtItsOpening()
    {
        var window = SendWindow.Parse(new SendWindowDraft("08:00", "20:00", ["mon"], "Africa/Nairobi")).Value;

        var finish = CampaignEta.Estimate([CreateWorkload(queued: 1)], 0, window, Now); // a Thursday

        Assert.Equal(Instant.FromUtc(2026, 11, 30, 5, 0), finish);
    }

    [Fact]
    public void Estimate_UnassignedMessages_AreSharedEvenlyAndTheSlowestSenderDecides()
    {
        var fast = CreateWorkload(queued: 0);
        var slow = CreateWorkload(queued: 0, settings: SenderSettings.Create("Africa/Nairobi", Today.PlusDays(-100), minIntervalMs: 10_000, jitterMinMs: 0, jitterMaxMs: 0).Value);

        var finish = CampaignEta.Estimate([fast, slow], 7, Always, Now);

        // 4 for the first sender (mean gap 4 s: Now + 12 s), 3 for the second (10 s: Now + 20 s).
        Assert.Equal(Now + Duration.FromSeconds(20), finish);
    }

    [Fact]
    public void Estimate_SpreadSenderWithADaysBudget_FinishesNearTheWindowsClose()
    {
        var window = NineToSix();
        var opening = Instant.FromUtc(2026, 11, 26, 6, 0); // 09:00 in Nairobi
        var settings = SenderSettings.Create("Africa/Nairobi", Today.PlusDays(-100), dailyCapMin: 200, dailyCapMax: 200).Value;

        var finish = CampaignEta.Estimate([CreateWorkload(queued: 200, settings: settings, profile: "spread")], 0, window, opening);

        // 200 sends 9 h ÷ 200 = 162 s apart from 09:00: the last at 17:57:18, inside the window.
        Assert.Equal(opening + (Duration.FromSeconds(162) * 199), finish);
    }

    [Fact]
    public void Estimate_FloorSenderWithADaysBudget_FinishesAtTheMeanGap()
    {
        var opening = Instant.FromUtc(2026, 11, 26, 6, 0);
        var settings = SenderSettings.Create("Africa/Nairobi", Today.PlusDays(-100), dailyCapMin: 200, dailyCapMax: 200).Value;

        var finish = CampaignEta.Estimate([CreateWorkload(queued: 200, settings: settings, profile: "floor")], 0, NineToSix(), opening);

        Assert.Equal(opening + (Duration.FromSeconds(4) * 199), finish);
    }

    [Fact]
    public void Estimate_SpreadSenderWithMoreThanADaysBudget_SpendsEachDayUntilClosingThenGoesOnTomorrow()
    {
        var opening = Instant.FromUtc(2026, 11, 26, 6, 0);
        var settings = SenderSettings.Create("Africa/Nairobi", Today.PlusDays(-100), dailyCapMin: 100, dailyCapMax: 100).Value;

        var finish = CampaignEta.Estimate([CreateWorkload(queued: 150, settings: settings, profile: "spread")], 0, NineToSix(), opening);

        // 100 today (324 s apart), then 50 tomorrow from 09:00, 9 h ÷ 100 apart as well: the last at 09:00 + 49 × 324 s.
        Assert.Equal(opening + Duration.FromDays(1) + (Duration.FromSeconds(324) * 49), finish);
    }

    private static SendWindow NineToSix() => SendWindow.Parse(new SendWindowDraft("09:00", "18:00", null, "Africa/Nairobi")).Value;

    private static SenderSettings CreateSettings() => SenderSettings.Create("Africa/Nairobi", Today.PlusDays(-100)).Value;

    // The floor profile unless told: the estimates above are one mean gap per message.
    private static SenderWorkload CreateWorkload(
        int queued, PacingState? state = null, SenderSettings? settings = null, Instant? nextSendAt = null, string profile = "floor") =>
        new(SenderId.New(), settings ?? CreateSettings(), state ?? PacingState.Empty, nextSendAt, queued)
        {
            Pacing = SenderPacing.Create(profile, null, null).Value,
        };
}
