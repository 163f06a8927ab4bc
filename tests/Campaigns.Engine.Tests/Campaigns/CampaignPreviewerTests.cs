using Campaigns.Domain.Templates;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Tests.Templates;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Engine.Tests.Campaigns;

/// <summary>A preview's work is bounded (rows, time) and stops when the request is aborted; it plans as prepare does.</summary>
public sealed class CampaignPreviewerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly CampaignKit _kit = new(database);

    [Fact]
    public async Task PreviewAsync_ListLongerThanMaxRows_PlansTheFirstRowsAndSaysItIsASample()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 50, names: 50);

        var preview = (await _kit.Previewer(new PreviewOptions { MaxRows = 20 })
            .PreviewAsync(tenant, new PreviewDraft(list.Id.Value, "Hi {{ first_name }}"), Cancel)).Value;

        Assert.Equal(new PreviewCoverage(Sampled: true, RowsExamined: 20, ListRows: 50, PreviewStop.MaxRows), preview.Coverage);
        Assert.Equal(20, preview.Variation.Recipients);
        Assert.Equal(TemplateKit.Phone(0), preview.Messages[0].Phone);
    }

    [Fact]
    public async Task PreviewAsync_WholeListWithinBounds_CoversItAll()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 30, names: 30);

        var preview = (await _kit.Previewer().PreviewAsync(tenant, new PreviewDraft(list.Id.Value, "Hi {{ first_name }}"), Cancel)).Value;

        Assert.Equal(new PreviewCoverage(Sampled: false, RowsExamined: 30, ListRows: 30, StoppedBy: null), preview.Coverage);
    }

    [Fact]
    public async Task PreviewAsync_TimeBudgetRunsOut_AnswersWithTheContactsPlannedSoFar()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 200, names: 200);
        var time = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(1) }; // every reading of the clock is a second later

        var preview = (await _kit.Previewer(new PreviewOptions { TimeBudget = TimeSpan.FromSeconds(10) }, time)
            .PreviewAsync(tenant, new PreviewDraft(list.Id.Value, "Hi {{ first_name }}", Count: 3), Cancel)).Value;

        Assert.Equal((true, PreviewStop.TimeBudget), (preview.Coverage.Sampled, preview.Coverage.StoppedBy));
        Assert.InRange(preview.Coverage.RowsExamined, 10, 12);
        Assert.Equal(preview.Coverage.RowsExamined, preview.Variation.Recipients);
        Assert.Equal(3, preview.Messages.Count);
        Assert.Equal(0, _kit.PreviewActivity.Running);
    }

    [Fact]
    public async Task PreviewAsync_RequestAborted_StopsAtTheNextContact()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 5_000, names: 50);
        using var request = new CancellationTokenSource();
        var time = new AbortingTime(request, afterReadings: 20); // the client goes away while the 20th contact is planned
        var previewer = _kit.Previewer(new PreviewOptions { TimeBudget = TimeSpan.FromHours(1) }, time);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            previewer.PreviewAsync(tenant, new PreviewDraft(list.Id.Value, "Hi {{ first_name }} {{ phone }}"), request.Token));

        Assert.Equal(21, time.Readings); // the start and the 20 contacts planned before the abort: not one more
        Assert.Equal(0, _kit.PreviewActivity.Running);
    }

    [Fact]
    public async Task PreviewAsync_TemplateReachesALimitWithOneContact_IsInvalidAsPrepareWouldFindIt()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, "phone,n\n0712000001,\n0712000002,big\n0712000003,\n");

        var result = await _kit.Previewer().PreviewAsync(
            tenant, new PreviewDraft(list.Id.Value, "Hi {{ if n == 'big' }}{{ while true; end }}{{ end }}{{ phone }}"), Cancel);

        Assert.Equal("campaign.invalid", result.Error.Code);
        var problem = Assert.Single((IEnumerable<IReadOnlyDictionary<string, object?>>)result.Error.Details["problems"]!);
        Assert.Equal((TemplateErrors.LimitExceededCode, "template", 3), (problem["code"], problem["field"], problem["contactLine"]));
    }

    /// <summary>A clock that stands still, and aborts the request at its <c>afterReadings</c>-th reading (the previewer reads it once per contact, and once to start).</summary>
    private sealed class AbortingTime(CancellationTokenSource request, int afterReadings) : TimeProvider
    {
        public int Readings { get; private set; }

        public override long GetTimestamp()
        {
            if (++Readings == afterReadings + 1)
            {
                request.Cancel();
            }

            return 0;
        }
    }
}
