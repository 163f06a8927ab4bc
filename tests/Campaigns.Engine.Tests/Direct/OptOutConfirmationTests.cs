using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Engine.Tests.Replies;
using Campaigns.Tests.Shared;
using static Campaigns.Engine.Tests.Direct.DirectKit;

namespace Campaigns.Engine.Tests.Direct;

/// <summary>The tenant's opt-out and re-subscribe confirmations, sent as direct sends when a reply opts a number out or in.</summary>
public sealed class OptOutConfirmationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Confirmation = "You will get no more messages from us. Reply START to join again.";
    private const string Welcome = "Welcome back!";

    private readonly ReplyKit _kit = new(database);

    private DispatchKit Dispatch => _kit.Dispatch;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApplyAsync_OptOutWithAConfirmation_QueuesItOnceFromTheReceivingSenderEvenWhenAppliedTwice()
    {
        var tenant = await TenantAsync(Confirmation, Welcome);
        await Dispatch.SenderAsync(tenant);
        var receiving = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber("+25473");
        var keyId = ReplyKit.NewKeyId();
        var stop = ReplyKit.Upsert(tenant, receiving, keyId, DispatchKit.Jid(phone), "Stop");

        await _kit.ApplyAsync(stop);
        await _kit.ApplyAsync(stop); // the same webhook processed again
        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, receiving, keyId, DispatchKit.Jid(phone), "Stop")); // delivered twice by the gateway

        var sent = Assert.Single(await DirectAsync(Dispatch, tenant));
        Assert.Equal(("opt_out", phone, receiving.Id, "queued", Confirmation, DispatchKit.Jid(phone)), sent);
        Assert.Equal("opt_out", (await _kit.SuppressionAsync(tenant, phone))?.Reason);
    }

    [Fact]
    public async Task ApplyAsync_OptOut_ConfirmationIsClaimedThroughTheSendersBudget()
    {
        var tenant = await TenantAsync(Confirmation, null);
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber("+25473");
        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), DispatchKit.Jid(phone), "STOP"));
        var confirmation = await Dispatch.ScalarAsync<Guid>("select id from campaigns.campaigns where tenant_id = $1 and kind = 'direct'", tenant);

        var claim = await Dispatch.Claimer().ClaimAsync(1000, "t", Cancel);

        var send = Assert.Single(claim.Sends, s => s.Campaign.Value == confirmation);
        Assert.Equal((Confirmation, DispatchKit.Jid(phone)), (send.Body, send.Jid));
        Assert.Equal(1, await Dispatch.ScalarAsync<int>("select sent_today from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task ApplyAsync_OptOutWhileTheSenderIsCapped_ConfirmationWaitsForTheBudget()
    {
        var tenant = await TenantAsync(Confirmation, null);
        var sender = await Dispatch.SenderAsync(tenant, capMin: 5, capMax: 5);
        await Dispatch.ExecuteAsync(
            "update campaigns.numbers set day = (now() at time zone 'Africa/Nairobi')::date, sent_today = 5, cap_today = 5 where phone = $1", sender.Number);
        var phone = DispatchKit.NewNumber("+25473");
        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), DispatchKit.Jid(phone), "STOP"));
        var confirmation = await Dispatch.ScalarAsync<Guid>("select id from campaigns.campaigns where tenant_id = $1 and kind = 'direct'", tenant);

        var claim = await Dispatch.Claimer().ClaimAsync(1000, "t", Cancel);

        Assert.DoesNotContain(claim.Sends, s => s.Campaign.Value == confirmation);
        Assert.Equal("queued", Assert.Single(await DirectAsync(Dispatch, tenant)).Status);
    }

    [Fact]
    public async Task ApplyAsync_Resubscribe_QueuesTheResubscribeConfirmation()
    {
        var tenant = await TenantAsync(Confirmation, Welcome);
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber("+25473");
        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), DispatchKit.Jid(phone), "STOP"));

        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), DispatchKit.Jid(phone), "start"));

        Assert.Equal(
            [("opt_out", Confirmation), ("resubscribe", Welcome)],
            (await DirectAsync(Dispatch, tenant)).Select(d => (d.Origin, d.Body)));
        Assert.Null(await _kit.SuppressionAsync(tenant, phone));
    }

    [Fact]
    public async Task ApplyAsync_OptOutWithoutAConfirmation_SendsNothing()
    {
        var tenant = await TenantAsync(null, Welcome);
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber("+25473");

        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), DispatchKit.Jid(phone), "STOP"));
        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), DispatchKit.Jid(phone), "Thanks!"));

        Assert.Empty(await DirectAsync(Dispatch, tenant));
    }

    [Fact]
    public async Task ApplyAsync_OptOut_SkipsAQueuedDirectSendToTheNumberButNotItsConfirmation()
    {
        var tenant = await TenantAsync(Confirmation, null);
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber("+25473");
        await SendAsync(Service(database), tenant, Request(phone, "Your order has shipped"));

        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), DispatchKit.Jid(phone), "STOP"));

        Assert.Equal(
            [("api", "skipped"), ("opt_out", "queued")],
            (await DirectAsync(Dispatch, tenant)).Select(d => (d.Origin, d.Status)));
    }

    private async Task<Guid> TenantAsync(string? confirmation, string? resubscribe)
    {
        var tenant = await Dispatch.TenantAsync();
        await Dispatch.ExecuteAsync(
            "update campaigns.tenants set opt_out_confirmation = $2, resubscribe_confirmation = $3 where id = $1",
            tenant, (object?)confirmation ?? DBNull.Value, (object?)resubscribe ?? DBNull.Value);
        return tenant;
    }
}
