using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Campaigns;
using Campaigns.Tests.Shared;
using Hangfire;
using Hangfire.States;
using NodaTime;

namespace Campaigns.Engine.Tests.Campaigns;

public sealed class PrepareSweepJobTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly CampaignKit _kit = new(database);

    [Fact]
    public async Task PrepareAsync_Draft_EnqueuesItsPrepareJobAndRecordsItsId()
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await _kit.PreparingAsync(tenant, await _kit.ListAsync(tenant, 3), "Hello {{ city }}");

        var jobId = await JobIdAsync(campaign);

        Assert.NotNull(jobId);
        Assert.Equal(EnqueuedState.StateName, State(jobId));
        var job = _kit.JobStorage.GetConnection().GetJobData(jobId)!.Job;
        Assert.Equal((typeof(PrepareCampaignJob), nameof(PrepareCampaignJob.PerformAsync)), (job.Type, job.Method.Name));
        Assert.Equal(campaign.Id.Value, job.Args[0]);
    }

    [Fact]
    public async Task RunAsync_StatusWrittenButNothingEnqueued_EnqueuesAPrepareOnceTheGraceHasPassed()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 5, names: 5);
        var campaign = await _kit.DraftAsync(tenant, list, "Hi {{ first_name }}");
        // What a process that died between the status write and the enqueue leaves behind.
        await _kit.ExecuteAsync(
            $"update campaigns.campaigns set status = 'preparing', recipients_total = 5, prepare_requested_at = '{CampaignKit.Now}' where id = $1", campaign);

        Assert.Equal(0, await _kit.Sweeper().RunAsync(Cancel)); // within the grace: its enqueue may still be on its way
        Assert.Null(await JobIdAsync(campaign));

        _kit.Clock.Advance(Duration.FromMinutes(2));
        Assert.Equal(1, await _kit.Sweeper().RunAsync(Cancel));

        var jobId = await JobIdAsync(campaign);
        Assert.Equal(EnqueuedState.StateName, State(jobId!));
        // The job it enqueued prepares the campaign.
        Assert.Equal(PrepareOutcome.Ready, await _kit.Job().PerformAsync(campaign.Id.Value, null, Cancel));
        Assert.Equal(CampaignStatus.Ready, (await _kit.FindAsync(campaign)).Status);
    }

    [Fact]
    public async Task RunAsync_JobWaitingInABusyQueue_EnqueuesNoDuplicate()
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await _kit.PreparingAsync(tenant, await _kit.ListAsync(tenant, 3), "Hello {{ city }}");
        var jobId = await JobIdAsync(campaign);
        _kit.Clock.Advance(Duration.FromHours(1));

        Assert.Equal(0, await _kit.Sweeper().RunAsync(Cancel));
        Assert.Equal(0, await _kit.Sweeper().RunAsync(Cancel));

        Assert.Equal(jobId, await JobIdAsync(campaign));
        Assert.Equal(1, await JobsOfAsync(campaign));
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("deleted")]
    public async Task RunAsync_JobNoLongerLive_EnqueuesTheCampaignAgain(string end)
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await _kit.PreparingAsync(tenant, await _kit.ListAsync(tenant, 3), "Hello {{ city }}");
        var first = (await JobIdAsync(campaign))!;
        IState state = end == "failed" ? new FailedState(new InvalidOperationException("the database went away")) : new DeletedState();
        Assert.True(_kit.Jobs.ChangeState(first, state));

        Assert.Equal(1, await _kit.Sweeper().RunAsync(Cancel));

        var second = await JobIdAsync(campaign);
        Assert.NotEqual(first, second);
        Assert.Equal(EnqueuedState.StateName, State(second!));
    }

    [Fact]
    public async Task RunAsync_SeveralSweepsAtOnce_EnqueueOneJob()
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await _kit.DraftAsync(tenant, await _kit.ListAsync(tenant, 3), "Hello {{ city }}");
        await _kit.ExecuteAsync(
            $"update campaigns.campaigns set status = 'preparing', recipients_total = 3, prepare_requested_at = '{CampaignKit.Now}' where id = $1", campaign);
        _kit.Clock.Advance(Duration.FromMinutes(2));

        var enqueued = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _kit.Sweeper().RunAsync(Cancel), Cancel)));

        Assert.Equal(1, enqueued.Sum());
        // The losers' jobs were deleted while still queued: one live job.
        Assert.Equal(1, await LiveJobsOfAsync(campaign));
    }

    private string? State(string jobId) => _kit.JobStorage.GetConnection().GetStateData(jobId)?.Name;

    private async Task<string?> JobIdAsync(Campaign campaign)
    {
        await using var command = _kit.DataSource.CreateCommand("select prepare_job_id from campaigns.campaigns where id = $1");
        command.Parameters.Add(new() { Value = campaign.Id.Value });
        return await command.ExecuteScalarAsync(Cancel) as string;
    }

    /// <summary>Hangfire's prepare jobs of the campaign (its id is the job's first argument).</summary>
    private Task<long> JobsOfAsync(Campaign campaign) => _kit.ScalarAsync(
        "select count(*) from hangfire.job where arguments::text like '%' || $1::text || '%'", campaign);

    private Task<long> LiveJobsOfAsync(Campaign campaign) => _kit.ScalarAsync(
        "select count(*) from hangfire.job where arguments::text like '%' || $1::text || '%' and statename in ('Enqueued', 'Processing', 'Scheduled')", campaign);
}
