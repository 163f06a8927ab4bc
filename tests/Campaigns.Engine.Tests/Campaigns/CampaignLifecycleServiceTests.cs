using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Senders;
using Campaigns.Tests.Shared;
using Campaigns.Domain.Templates;
using Campaigns.Engine.Tests.Gateway;
using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;

namespace Campaigns.Engine.Tests.Campaigns;

/// <summary>Start, pause, resume and cancel (<see cref="CampaignService"/>), and scheduled campaigns reaching their start.</summary>
public sealed class CampaignLifecycleServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly CampaignKit _kit = new(database);

    [Fact]
    public async Task StartAsync_Ready_RunsAndQueuesEveryMessageOnItsSenders()
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 6, names: 6), [await _kit.SenderAsync(tenant), await _kit.SenderAsync(tenant)]);

        var started = await _kit.Service.StartAsync(tenant, campaign.Id, Cancel);
        var pendingAtStart = await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1 and status = 'pending'", campaign);
        var assignJobs = await _kit.ScalarAsync(
            "select count(*) from hangfire.job where invocationdata::text like '%AssignRecipientsJob%' and arguments::text like '%' || $1::text || '%'", campaign);
        await _kit.Assign.RunAsync(campaign.Id.Value, Cancel); // what the enqueued job does

        Assert.Equal(CampaignStatus.Running, started.Value.Status);
        Assert.Equal(CampaignKit.Now, started.Value.StartedAt);
        Assert.Equal((6, 1), (pendingAtStart, assignJobs)); // the request only enqueues the assignment
        Assert.Equal(6, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1 and status = 'queued' and sender_id is not null", campaign));
    }

    [Fact]
    public async Task StartAsync_StartAtAhead_IsScheduledUntilTheJobFindsItDue()
    {
        var tenant = await _kit.TenantAsync();
        var startAt = CampaignKit.Now.Plus(Duration.FromHours(1));
        var campaign = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 4, names: 4), [await _kit.SenderAsync(tenant)], InstantPattern.ExtendedIso.Format(startAt));
        var job = _kit.StartDue;

        var started = await _kit.Service.StartAsync(tenant, campaign.Id, Cancel);
        await job.RunAsync(Cancel);
        var early = await _kit.FindAsync(campaign);
        var pendingEarly = await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1 and status = 'pending'", campaign);
        _kit.Clock.Advance(Duration.FromHours(1));
        await job.RunAsync(Cancel);

        Assert.Equal(CampaignStatus.Scheduled, started.Value.Status);
        Assert.Equal(CampaignStatus.Scheduled, early.Status);
        Assert.Equal(4, pendingEarly); // nothing is queued before the start
        var running = await _kit.FindAsync(campaign);
        Assert.Equal(CampaignStatus.Running, running.Status);
        Assert.Equal(startAt, running.StartedAt);
        Assert.Equal(4, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1 and status = 'queued'", campaign));
    }

    [Fact]
    public async Task StartAsync_MediaUrlFailsItsPreflight_IsAConflictNamingMediaUrlAndStaysReady()
    {
        var found = false;
        await using var files = await ScriptedGateway.StartAsync((_, context) => File(context, found));
        var tenant = await _kit.TenantAsync();
        var media = new MediaDraft("image", new Uri(files.BaseUrl, "promo.png").AbsoluteUri, Caption: "{Hi|Hello|Hey} {{ first_name }}");
        var campaign = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 2, names: 2), [await _kit.SenderAsync(tenant)], media: media);

        var error = (await _kit.Service.StartAsync(tenant, campaign.Id, Cancel)).Error;
        var afterRefusal = (await _kit.FindAsync(campaign)).Status;
        found = true;
        var started = await _kit.Service.StartAsync(tenant, campaign.Id, Cancel);

        Assert.Equal(("media.preflight_failed", "media.url", ErrorKind.Conflict), (error.Code, error.Field, error.Kind));
        Assert.Contains("it answered 404", error.Message, StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.Ready, afterRefusal);
        Assert.Equal(CampaignStatus.Running, started.Value.Status);
    }

    [Fact]
    public async Task StartDueCampaignsJob_MediaUrlFailsItsPreflightWhenDue_StaysScheduledAndSaysSoOnce()
    {
        var found = true;
        await using var files = await ScriptedGateway.StartAsync((_, context) => File(context, found));
        var tenant = await _kit.TenantAsync();
        var startAt = CampaignKit.Now.Plus(Duration.FromHours(1));
        var media = new MediaDraft("image", new Uri(files.BaseUrl, "promo.png").AbsoluteUri, Caption: "{Hi|Hello|Hey} {{ first_name }}");
        var campaign = await _kit.ReadyAsync(
            tenant, await _kit.ListAsync(tenant, 2, names: 2), [await _kit.SenderAsync(tenant)], InstantPattern.ExtendedIso.Format(startAt), media);
        Assert.Equal(CampaignStatus.Scheduled, (await _kit.Service.StartAsync(tenant, campaign.Id, Cancel)).Value.Status);
        _kit.Clock.Advance(Duration.FromHours(1));

        found = false;
        await _kit.StartDue.RunAsync(Cancel);
        await _kit.StartDue.RunAsync(Cancel);
        var waiting = await _kit.FindAsync(campaign);
        var events = await _kit.ScalarAsync("select count(*) from campaigns.campaign_events where campaign_id = $1 and kind = 'media_preflight_failed'", campaign);
        found = true;
        await _kit.StartDue.RunAsync(Cancel);

        Assert.Equal(CampaignStatus.Scheduled, waiting.Status);
        Assert.Equal(1, events);
        Assert.Equal(CampaignStatus.Running, (await _kit.FindAsync(campaign)).Status);
    }

    /// <summary>A 1 KB PNG, or 404.</summary>
    private static Task File(HttpContext context, bool found)
    {
        context.Response.StatusCode = found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
        context.Response.ContentType = found ? "image/png" : null;
        context.Response.ContentLength = found ? 1024 : 0;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task StartAsync_NoSender_IsAConflictNamingIt()
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 2, names: 2), []);

        var error = (await _kit.Service.StartAsync(tenant, campaign.Id, Cancel)).Error;

        Assert.Equal(("campaign.no_senders", ErrorKind.Conflict), (error.Code, error.Kind));
        Assert.Equal(CampaignStatus.Ready, (await _kit.FindAsync(campaign)).Status);
    }

    [Fact]
    public async Task StartAsync_NoSenderCanSend_IsAConflictNamingEachOnesReason()
    {
        var tenant = await _kit.TenantAsync();
        var closed = await _kit.SenderAsync(tenant, SenderState.Close);
        var paused = await _kit.SenderAsync(tenant);
        await new SenderStore(_kit.DataSource).PauseAsync(tenant, paused, SenderConflicts.PausedByUser, CampaignKit.Now, Cancel);
        var campaign = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 2, names: 2), [closed, paused]);

        var error = (await _kit.Service.StartAsync(tenant, campaign.Id, Cancel)).Error;

        Assert.Equal(("campaign.no_usable_senders", ErrorKind.Conflict), (error.Code, error.Kind));
        Assert.Contains($"{closed}: its connection is close", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{paused}: it is paused (paused by its user)", error.Message, StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.Ready, (await _kit.FindAsync(campaign)).Status);
    }

    [Fact]
    public async Task PauseThenResume_Running_StopsAndGoesOn()
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 3, names: 3), [await _kit.SenderAsync(tenant)]);
        await _kit.Service.StartAsync(tenant, campaign.Id, Cancel);

        var paused = await _kit.Service.PauseAsync(tenant, campaign.Id, Cancel);
        var pausedAgain = await _kit.Service.PauseAsync(tenant, campaign.Id, Cancel);
        var resumed = await _kit.Service.ResumeAsync(tenant, campaign.Id, Cancel);

        Assert.Equal(CampaignStatus.Paused, paused.Value.Status);
        Assert.Equal(("campaign.invalid_transition", "paused"), (pausedAgain.Error.Code, pausedAgain.Error.Details["campaignStatus"]));
        Assert.Equal(CampaignStatus.Running, resumed.Value.Status);
    }

    [Fact]
    public async Task ResumeAsync_PausedWhileScheduled_IsScheduledAgainWhileTheStartLiesAhead()
    {
        var tenant = await _kit.TenantAsync();
        var startAt = InstantPattern.ExtendedIso.Format(CampaignKit.Now.Plus(Duration.FromDays(1)));
        var campaign = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 2, names: 2), [await _kit.SenderAsync(tenant)], startAt);
        await _kit.Service.StartAsync(tenant, campaign.Id, Cancel);

        var paused = await _kit.Service.PauseAsync(tenant, campaign.Id, Cancel);
        var resumed = await _kit.Service.ResumeAsync(tenant, campaign.Id, Cancel);

        Assert.Equal((CampaignStatus.Paused, CampaignStatus.Scheduled), (paused.Value.Status, resumed.Value.Status));
    }

    [Fact]
    public async Task CancelAsync_Running_CancelsPendingAndQueuedMessagesButNotOneBeingSent()
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 5, names: 5), [await _kit.SenderAsync(tenant)]);
        await _kit.Service.StartAsync(tenant, campaign.Id, Cancel);
        await _kit.Assign.RunAsync(campaign.Id.Value, Cancel);
        await _kit.ExecuteAsync("update campaigns.messages set status = 'sending', claimed_at = now() where campaign_id = $1 and line = 2", campaign);
        await _kit.ExecuteAsync("update campaigns.messages set status = 'sent' where campaign_id = $1 and line = 3", campaign);
        await _kit.ExecuteAsync("update campaigns.messages set status = 'pending', sender_id = null where campaign_id = $1 and line = 4", campaign);

        var cancelled = await _kit.Service.CancelAsync(tenant, campaign.Id, Cancel);

        Assert.Equal(CampaignStatus.Cancelled, cancelled.Value.Status);
        Assert.Equal(CampaignKit.Now, cancelled.Value.CompletedAt);
        var statuses = (await _kit.MessagesAsync(campaign)).OrderBy(m => m.Line).Select(m => m.Status);
        Assert.Equal([MessageStatus.Sending, MessageStatus.Sent, MessageStatus.Cancelled, MessageStatus.Cancelled, MessageStatus.Cancelled], statuses);
        Assert.Equal("campaign.invalid_transition", (await _kit.Service.CancelAsync(tenant, campaign.Id, Cancel)).Error.Code);
    }

    [Fact]
    public async Task MoveAsync_StatusMovedMeanwhile_ChangesNothing()
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 2, names: 2), [await _kit.SenderAsync(tenant)]);
        await _kit.Service.StartAsync(tenant, campaign.Id, Cancel);

        // A writer that read the campaign as ready (before the start) tries to cancel it as ready.
        var moved = await _kit.Store.MoveAsync(tenant, campaign.Id, CampaignStatus.Ready, CampaignStatus.Cancelled, CampaignKit.Now, Cancel);

        Assert.False(moved);
        Assert.Equal(CampaignStatus.Running, (await _kit.FindAsync(campaign)).Status);
        Assert.Equal(0, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1 and status = 'cancelled'", campaign));
    }
}
