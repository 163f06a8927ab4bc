using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Dispatch;
using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Dispatch;

public sealed class DispatchFailoverJobTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    private DispatchFailoverJob Job => _kit.Failover(DispatchKit.Options(o => o.FailoverAfter = TimeSpan.FromMinutes(1)));

    [Fact]
    public async Task RunAsync_SenderPausedPastFailoverAfter_MovesItsQueuedMessagesFewestFirstAndSaysSo()
    {
        var tenant = await _kit.TenantAsync();
        TestSender paused = await _kit.SenderAsync(tenant), busy = await _kit.SenderAsync(tenant), idle = await _kit.SenderAsync(tenant);
        var messages = Enumerable.Range(0, 10).Select(_ => (DispatchKit.NewNumber("+25473"), paused))
            .Concat(Enumerable.Range(0, 2).Select(_ => (DispatchKit.NewNumber("+25473"), busy)))
            .ToList();
        var campaign = await _kit.CampaignAsync(tenant, [paused, busy, idle], messages);
        var inFlight = messages[0].Item1; // being sent by the paused sender: never moved
        await _kit.ExecuteAsync("update campaigns.messages set status = 'sending', claimed_at = now() where campaign_id = $1 and phone = $2", campaign, inFlight);
        await PauseAsync(paused, TimeSpan.FromMinutes(2));
        await _kit.ExecuteAsync("update campaigns.numbers set next_send_at = null where phone = any($1)", (object)new[] { busy.Number, idle.Number });

        await Job.RunAsync(Cancel);

        // 9 queued moved onto 2 + 0: the idle sender takes two, then they alternate (ties to the earlier one).
        Assert.Equal(
            new Dictionary<Guid, long> { [busy.Id] = 6, [idle.Id] = 5 },
            await QueuedBySenderAsync(campaign));
        Assert.Equal(paused.Id, await _kit.ScalarAsync<Guid>("select sender_id from campaigns.messages where campaign_id = $1 and phone = $2", campaign, inFlight));
        Assert.Equal(2L, await _kit.ScalarAsync<long>(
            "select count(*) from campaigns.numbers where phone = any($1) and next_send_at is not null", (object)new[] { busy.Number, idle.Number }));
        var events = await EventsAsync(campaign);
        var failover = Assert.Single(events.Events);
        Assert.Equal("failover", failover.Kind);
        Assert.Equal(paused.Id, failover.Detail.GetProperty("from").GetGuid());
        Assert.Equal([busy.Id, idle.Id], failover.Detail.GetProperty("to").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal(9, failover.Detail.GetProperty("moved").GetInt32());
        Assert.Equal("paused: gateway_failures", failover.Detail.GetProperty("reason").GetString());
        Assert.Null(events.Waiting);
    }

    [Fact]
    public async Task RunAsync_SenderPausedLessThanFailoverAfter_MovesNothing()
    {
        var tenant = await _kit.TenantAsync();
        TestSender paused = await _kit.SenderAsync(tenant), other = await _kit.SenderAsync(tenant);
        var campaign = await _kit.CampaignAsync(tenant, [paused, other], [(DispatchKit.NewNumber("+25473"), paused)]);
        await PauseAsync(paused, TimeSpan.FromSeconds(20));

        await Job.RunAsync(Cancel);

        Assert.Equal(new Dictionary<Guid, long> { [paused.Id] = 1 }, await QueuedBySenderAsync(campaign));
        Assert.Empty((await EventsAsync(campaign)).Events);
    }

    [Fact]
    public async Task RunAsync_SenderNotOpenPastFailoverAfter_MovesItsQueuedMessages()
    {
        var tenant = await _kit.TenantAsync();
        TestSender closed = await _kit.SenderAsync(tenant), other = await _kit.SenderAsync(tenant);
        var campaign = await _kit.CampaignAsync(tenant, [closed, other], [(DispatchKit.NewNumber("+25473"), closed), (DispatchKit.NewNumber("+25473"), closed)]);
        await _kit.ExecuteAsync("update campaigns.senders set state = 'close', state_changed_at = now() - interval '5 minutes' where id = $1", closed.Id);

        await Job.RunAsync(Cancel);

        Assert.Equal(new Dictionary<Guid, long> { [other.Id] = 2 }, await QueuedBySenderAsync(campaign));
        Assert.Equal("connection close", Assert.Single((await EventsAsync(campaign)).Events).Detail.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RunAsync_SenderUnderReachOutTimelock_MovesOnlyFirstContactsAtOnce()
    {
        var tenant = await _kit.TenantAsync();
        TestSender restricted = await _kit.SenderAsync(tenant), other = await _kit.SenderAsync(tenant);
        var recipients = Enumerable.Range(0, 5).Select(_ => DispatchKit.NewNumber("+25474")).ToArray();
        var campaign = await _kit.CampaignAsync(tenant, [restricted, other], recipients.Select(r => (r, restricted)));
        await _kit.ExecuteAsync("update campaigns.senders set restricted_until = now() + interval '1 hour', restriction = 'reachout_timelock', restricted_at = now() where id = $1", restricted.Id);
        // The first two talked with the restricted sender before; the third was last contacted by another sender.
        await _kit.ExecuteAsync(
            "insert into campaigns.recipients (tenant_id, phone, sender_id, contacted_at) values ($1, $2, $4, now()), ($1, $3, $4, now()), ($1, $5, $6, now())",
            tenant, recipients[0], recipients[1], restricted.Id, recipients[2], other.Id);

        await Job.RunAsync(Cancel);

        Assert.Equal(
            new Dictionary<string, Guid> { [recipients[0]] = restricted.Id, [recipients[1]] = restricted.Id, [recipients[2]] = other.Id, [recipients[3]] = other.Id, [recipients[4]] = other.Id },
            await SenderByRecipientAsync(campaign));
        Assert.Equal(3, Assert.Single((await EventsAsync(campaign)).Events).Detail.GetProperty("moved").GetInt32());
    }

    [Fact]
    public async Task RunAsync_NoSenderLeft_CampaignWaitsWithOneEventUntilASenderCanSend()
    {
        var tenant = await _kit.TenantAsync();
        TestSender paused = await _kit.SenderAsync(tenant), restricted = await _kit.SenderAsync(tenant);
        var campaign = await _kit.CampaignAsync(tenant, [paused, restricted], [(DispatchKit.NewNumber("+25475"), paused), (DispatchKit.NewNumber("+25475"), paused)]);
        await PauseAsync(paused, TimeSpan.FromHours(1));
        await _kit.ExecuteAsync("update campaigns.senders set restricted_until = now() + interval '1 hour' where id = $1", restricted.Id);

        await Job.RunAsync(Cancel);
        await Job.RunAsync(Cancel);

        var waiting = await EventsAsync(campaign);
        Assert.Equal(CampaignWaiting.NoUsableSender, waiting.Waiting);
        var wait = Assert.Single(waiting.Events);
        Assert.Equal("waiting_for_sender", wait.Kind);
        Assert.Equal(new Dictionary<Guid, long> { [paused.Id] = 2 }, await QueuedBySenderAsync(campaign));

        await _kit.ExecuteAsync("update campaigns.senders set restricted_until = null where id = $1", restricted.Id);
        await Job.RunAsync(Cancel);

        var moved = await EventsAsync(campaign);
        Assert.Null(moved.Waiting);
        Assert.Equal(["failover", "waiting_for_sender"], moved.Events.Select(e => e.Kind));
        Assert.Equal(new Dictionary<Guid, long> { [restricted.Id] = 2 }, await QueuedBySenderAsync(campaign));
        Assert.Equal(0L, await _kit.ScalarAsync<long>("select count(*) from campaigns.campaigns where id = $1 and waiting_since is not null", campaign));
    }

    [Fact]
    public async Task RunAsync_CampaignNotRunning_MovesNothing()
    {
        var tenant = await _kit.TenantAsync();
        TestSender paused = await _kit.SenderAsync(tenant), other = await _kit.SenderAsync(tenant);
        var campaign = await _kit.CampaignAsync(tenant, [paused, other], [(DispatchKit.NewNumber("+25476"), paused)]);
        await _kit.ExecuteAsync("update campaigns.campaigns set status = 'paused' where id = $1", campaign);
        await PauseAsync(paused, TimeSpan.FromHours(1));

        await Job.RunAsync(Cancel);

        Assert.Equal(new Dictionary<Guid, long> { [paused.Id] = 1 }, await QueuedBySenderAsync(campaign));
    }

    private Task PauseAsync(TestSender sender, TimeSpan ago) => _kit.ExecuteAsync(
        "update campaigns.senders set paused_reason = 'gateway_failures', paused_at = now() - $2 where id = $1", sender.Id, ago);

    private Task<(IReadOnlyList<CampaignEvent> Events, string? Waiting)> EventsAsync(Guid campaign) =>
        new CampaignEventStore(_kit.DataSource).ReadAsync(new CampaignId(campaign), Cancel);

    private async Task<Dictionary<Guid, long>> QueuedBySenderAsync(Guid campaign)
    {
        await using var command = _kit.DataSource.CreateCommand(
            "select sender_id, count(*) from campaigns.messages where campaign_id = $1 and status = 'queued' group by sender_id");
        command.Parameters.Add(new() { Value = campaign });
        var counts = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            counts[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private async Task<Dictionary<string, Guid>> SenderByRecipientAsync(Guid campaign)
    {
        await using var command = _kit.DataSource.CreateCommand("select phone, sender_id from campaigns.messages where campaign_id = $1");
        command.Parameters.Add(new() { Value = campaign });
        var senders = new Dictionary<string, Guid>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            senders[reader.GetString(0)] = reader.GetGuid(1);
        }

        return senders;
    }
}
