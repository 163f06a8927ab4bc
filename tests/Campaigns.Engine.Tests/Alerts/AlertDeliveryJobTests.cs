using System.Text.Json;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Alerts;
using Campaigns.Engine.Senders;
using Campaigns.Tests.Shared;
using NodaTime;

namespace Campaigns.Engine.Tests.Alerts;

/// <summary>The delivery job against PostgreSQL and a real receiver on a free port.</summary>
public sealed class AlertDeliveryJobTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly AlertKit _kit = new(database);

    [Fact]
    public async Task RunAsync_SenderPaused_PostsTheEventSignedWithTheTenantsSecret()
    {
        await using var receiver = await AlertReceiver.StartAsync();
        var tenant = await _kit.Dispatch.TenantAsync();
        var secret = await _kit.SetUrlAsync(tenant, receiver.Url);
        var sender = await _kit.Dispatch.SenderAsync(tenant);
        await new SenderStore(_kit.Dispatch.DataSource).PauseAsync(
            new TenantId(tenant), new SenderId(sender.Id), "paused by its user", SystemClock.Instance.GetCurrentInstant(), Cancel);

        var delivered = await _kit.Job().RunAsync(Cancel);

        Assert.Equal(1, delivered);
        var post = Assert.Single(receiver.Posts);
        Assert.True(post.IsSignedWith(secret), post.Signature);
        Assert.False(post.IsSignedWith(secret + "x"));
        Assert.Equal("application/json", post.ContentType?.Split(';')[0]);
        var body = JsonDocument.Parse(post.Body).RootElement;
        Assert.Equal(post.EventId, body.GetProperty("id").GetString());
        Assert.Equal("sender.paused", body.GetProperty("type").GetString());
        Assert.Equal(tenant, body.GetProperty("tenantId").GetGuid());
        Assert.Equal(sender.Id, body.GetProperty("data").GetProperty("senderId").GetGuid());
        Assert.Equal("paused by its user", body.GetProperty("data").GetProperty("reason").GetString());
        Assert.Empty(await _kit.OutboxAsync(tenant));
        var endpoint = await StatusAsync(tenant);
        Assert.Equal("204", endpoint!.LastStatus);
        Assert.Null(endpoint.FailingSince);
    }

    [Fact]
    public async Task RunAsync_EndpointFailsEveryTime_RetriesWithBackoffThenDropsAndShowsFailing()
    {
        await using var receiver = await AlertReceiver.StartAsync();
        receiver.Status = 500;
        var tenant = await _kit.Dispatch.TenantAsync();
        await _kit.SetUrlAsync(tenant, receiver.Url);
        var eventId = await new AlertStore(_kit.Dispatch.DataSource).PingAsync(new TenantId(tenant), Cancel);
        var job = _kit.Job(AlertKit.Options(o => (o.MaxAttempts, o.RetryBase) = (3, TimeSpan.FromMinutes(1))));

        await job.RunAsync(Cancel);
        var waitAfterFirst = await _kit.Dispatch.ScalarAsync<double>(
            "select extract(epoch from next_attempt_at - now())::float8 from campaigns.alert_outbox where tenant_id = $1", tenant);
        await job.RunAsync(Cancel); // not due yet: nothing posted
        var postsBeforeDue = receiver.Posts.Count;
        await _kit.DueNowAsync(tenant);
        await job.RunAsync(Cancel);
        await _kit.DueNowAsync(tenant);
        await job.RunAsync(Cancel);

        Assert.InRange(waitAfterFirst, 50, 60);
        Assert.Equal(1, postsBeforeDue);
        Assert.Equal(3, receiver.Posts.Count);
        Assert.All(receiver.Posts, p => Assert.Equal(eventId.ToString(), p.EventId));
        Assert.Empty(await _kit.OutboxAsync(tenant));
        var endpoint = await StatusAsync(tenant);
        Assert.Equal("500", endpoint!.LastStatus);
        Assert.NotNull(endpoint.FailingSince);
        Assert.Equal(1, endpoint.Dropped);
    }

    [Fact]
    public async Task RunAsync_EndpointRedirects_DoesNotFollowAndRetries()
    {
        await using var receiver = await AlertReceiver.StartAsync();
        receiver.RedirectTo = "/elsewhere";
        var tenant = await _kit.Dispatch.TenantAsync();
        await _kit.SetUrlAsync(tenant, receiver.Url);
        await new AlertStore(_kit.Dispatch.DataSource).PingAsync(new TenantId(tenant), Cancel);

        var delivered = await _kit.Job().RunAsync(Cancel);

        Assert.Equal(0, delivered);
        Assert.Equal(["/hooks/alerts"], receiver.Posts.Select(p => p.Path));
        Assert.Single(await _kit.OutboxAsync(tenant));
        Assert.Equal("302", (await StatusAsync(tenant))!.LastStatus);
    }

    [Fact]
    public async Task RunAsync_PrivateAddressesNotAllowed_RefusesToConnect()
    {
        await using var receiver = await AlertReceiver.StartAsync();
        var tenant = await _kit.Dispatch.TenantAsync();
        await _kit.SetUrlAsync(tenant, receiver.Url); // set while allowed; the host's addresses are checked again at connect
        await new AlertStore(_kit.Dispatch.DataSource).PingAsync(new TenantId(tenant), Cancel);

        await _kit.Job(AlertKit.Options(o => o.AllowPrivateAddresses = false)).RunAsync(Cancel);

        Assert.Empty(receiver.Posts);
        Assert.StartsWith("refused:", (await StatusAsync(tenant))!.LastStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TenantOverMaxQueued_DropsItsOldestEvents()
    {
        await using var receiver = await AlertReceiver.StartAsync();
        var tenant = await _kit.Dispatch.TenantAsync();
        await _kit.SetUrlAsync(tenant, receiver.Url);
        var store = new AlertStore(_kit.Dispatch.DataSource);
        var events = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            events.Add((await store.PingAsync(new TenantId(tenant), Cancel))!.Value);
        }

        await _kit.Job(AlertKit.Options(o => o.MaxQueued = 3)).RunAsync(Cancel);

        Assert.Equal(events[2..].Select(e => e.ToString()).Order(), receiver.Posts.Select(p => p.EventId).Order());
        Assert.Equal(2, (await StatusAsync(tenant))!.Dropped);
    }

    [Fact]
    public async Task RunAsync_OneTenantsBacklog_LeavesRoomForAnotherTenantInTheSameRun()
    {
        await using var receiver = await AlertReceiver.StartAsync();
        var store = new AlertStore(_kit.Dispatch.DataSource);
        var busy = await _kit.Dispatch.TenantAsync();
        await _kit.SetUrlAsync(busy, receiver.Url);
        for (var i = 0; i < 10; i++)
        {
            await store.PingAsync(new TenantId(busy), Cancel);
        }

        var quiet = await _kit.Dispatch.TenantAsync();
        await _kit.SetUrlAsync(quiet, receiver.Url);
        var quietEvent = await store.PingAsync(new TenantId(quiet), Cancel);

        var delivered = await _kit.Job(AlertKit.Options(o => (o.BatchSize, o.PerTenant) = (3, 2))).RunAsync(Cancel);

        Assert.Equal(3, delivered);
        Assert.Contains(quietEvent.ToString(), receiver.Posts.Select(p => p.EventId));
        Assert.Equal(8, (await _kit.OutboxAsync(busy)).Count);
    }

    private Task<AlertEndpoint?> StatusAsync(Guid tenant) => new AlertStore(_kit.Dispatch.DataSource).FindAsync(new TenantId(tenant), Cancel);
}
