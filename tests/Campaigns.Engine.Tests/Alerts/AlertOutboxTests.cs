using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Campaigns.Engine.Tests.Alerts;

/// <summary>
/// The alert outbox as migration 0020's triggers fill it, each event made by the product's own writer of the column
/// (not by SQL written here), for a tenant with an alert URL and for one without.
/// </summary>
public sealed class AlertOutboxTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly Uri Url = new("https://93.184.216.34/alerts"); // never posted to here: no job runs

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly AlertKit _kit = new(database);

    private DispatchKit Dispatch => _kit.Dispatch;

    [Fact]
    public async Task PauseAsync_TenantWithAlertUrl_QueuesOneSenderPausedWithTheReason()
    {
        var tenant = await TenantWithUrlAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var store = new SenderStore(Dispatch.DataSource);

        await store.PauseAsync(new TenantId(tenant), new SenderId(sender.Id), "paused by its user", SystemClock.Instance.GetCurrentInstant(), Cancel);
        await store.PauseAsync(new TenantId(tenant), new SenderId(sender.Id), "close", SystemClock.Instance.GetCurrentInstant(), Cancel);

        var (type, data) = Assert.Single(await _kit.OutboxAsync(tenant));
        Assert.Equal("sender.paused", type);
        Assert.Equal(sender.Id, data.GetProperty("senderId").GetGuid());
        Assert.Equal("paused by its user", data.GetProperty("reason").GetString());
        Assert.EndsWith("Z", data.GetProperty("pausedAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseAsync_TenantWithoutAlertUrl_PausesAndQueuesNothing()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);

        var paused = await new SenderStore(Dispatch.DataSource).PauseAsync(
            new TenantId(tenant), new SenderId(sender.Id), "paused by its user", SystemClock.Instance.GetCurrentInstant(), Cancel);

        Assert.True(paused);
        Assert.Empty(await _kit.OutboxAsync(tenant));
        Assert.Equal(0L, await Dispatch.ScalarAsync<long>("select count(*) from campaigns.alert_outbox where data->>'senderId' = $1", sender.Id.ToString()));
    }

    [Fact]
    public async Task RecordTimelockAsync_LockBeginsThenLengthens_QueuesOneSenderRestricted()
    {
        var tenant = await TenantWithUrlAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var restrictions = new SenderRestrictions(Dispatch.DataSource, DispatchKit.Wrap(DispatchKit.Options()), NullLogger<SenderRestrictions>.Instance);
        var now = SystemClock.Instance.GetCurrentInstant();

        await restrictions.RecordTimelockAsync(new SenderId(sender.Id), now + Duration.FromHours(1), Cancel);
        await restrictions.RecordTimelockAsync(new SenderId(sender.Id), now + Duration.FromHours(2), Cancel);

        var (type, data) = Assert.Single(await _kit.OutboxAsync(tenant));
        Assert.Equal("sender.restricted", type);
        Assert.Equal(sender.Id, data.GetProperty("senderId").GetGuid());
        Assert.Equal("reachout_timelock", data.GetProperty("restriction").GetString());
    }

    [Fact]
    public async Task RecordStateAsync_OpenToConnectingThenClose_QueuesOneSenderDisconnected()
    {
        var tenant = await TenantWithUrlAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var store = new SenderStore(Dispatch.DataSource);
        var now = SystemClock.Instance.GetCurrentInstant();

        await store.RecordStateAsync(new SenderId(sender.Id), SenderState.Open, SenderState.Connecting, "connection lost", now, Cancel);
        await store.RecordStateAsync(new SenderId(sender.Id), SenderState.Connecting, SenderState.Close, null, now, Cancel);

        var (type, data) = Assert.Single(await _kit.OutboxAsync(tenant));
        Assert.Equal("sender.disconnected", type);
        Assert.Equal("connecting", data.GetProperty("state").GetString());
        Assert.Equal("connection lost", data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AssignRunAsync_RunningCampaignWithNothingLeft_QueuesCampaignCompleted()
    {
        var tenant = await TenantWithUrlAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var campaign = await Dispatch.CampaignAsync(tenant, [sender], []);

        await new AssignRecipientsJob(Dispatch.DataSource, SystemClock.Instance, NullLogger<AssignRecipientsJob>.Instance).RunAsync(campaign, Cancel);

        var (type, data) = Assert.Single(await _kit.OutboxAsync(tenant));
        Assert.Equal("campaign.completed", type);
        Assert.Equal(campaign, data.GetProperty("campaignId").GetGuid());
        Assert.Equal("campaign", data.GetProperty("name").GetString());
    }

    [Fact]
    public async Task FailoverRunAsync_NoSenderCanSend_QueuesOneCampaignStalled()
    {
        var tenant = await TenantWithUrlAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var campaign = await Dispatch.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25478"), sender)]);
        await new SenderStore(Dispatch.DataSource).PauseAsync(
            new TenantId(tenant), new SenderId(sender.Id), "paused by its user", SystemClock.Instance.GetCurrentInstant(), Cancel);

        await Dispatch.Failover().RunAsync(Cancel);
        await Dispatch.Failover().RunAsync(Cancel);

        var (_, data) = Assert.Single(await _kit.OutboxAsync(tenant), e => e.Type == "campaign.stalled");
        Assert.Equal(campaign, data.GetProperty("campaignId").GetGuid());
        Assert.Equal(CampaignWaiting.NoUsableSender, data.GetProperty("reason").GetString());
    }

    private async Task<Guid> TenantWithUrlAsync()
    {
        var tenant = await Dispatch.TenantAsync();
        await _kit.SetUrlAsync(tenant, Url);
        return tenant;
    }
}
