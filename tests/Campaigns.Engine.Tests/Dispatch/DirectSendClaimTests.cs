using Campaigns.Engine.Dispatch;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>How the claim treats direct sends (kind 'direct', issue 12): first in their sender's queue, outside the recipient's period, sticky.</summary>
public sealed class DirectSendClaimTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    [Fact]
    public async Task ClaimAsync_DirectSendsQueuedBehindFiftyCampaignMessages_AreClaimedNextOldestFirst()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var campaign = await _kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 50).Select(_ => (DispatchKit.NewNumber("+25460"), sender)));
        var newer = await _kit.DirectAsync(tenant, sender, DispatchKit.NewNumber("+25461"));
        var older = await _kit.DirectAsync(tenant, sender, DispatchKit.NewNumber("+25461"), age: TimeSpan.FromSeconds(5));
        var claimer = _kit.Claimer();

        var order = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var send = Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number);
            order.Add(send.Campaign.Value);
            await _kit.FreeAsync(sender);
        }

        Assert.Equal([older, newer, campaign], order);
        Assert.Equal(3, await _kit.ScalarAsync<int>("select sent_today from campaigns.numbers where phone = $1", sender.Number)); // one budget
    }

    [Fact]
    public async Task ClaimAsync_DirectSendToARecipientWithinThePeriod_IsClaimedAndLeavesThePeriodAsItWas()
    {
        var tenant = await _kit.TenantAsync();
        var alpha = await _kit.SenderAsync(tenant);
        var beta = await _kit.SenderAsync(tenant);
        var recipient = DispatchKit.NewNumber("+25462");
        await _kit.CampaignAsync(tenant, [alpha], [(recipient, alpha)]);
        Assert.Single((await _kit.Claimer().ClaimAsync(1000, "t", Cancel)).Sends, s => s.Recipient == recipient);
        var period = await _kit.ScalarAsync<Instant>(
            "select last_campaign_message_at from campaigns.recipients where tenant_id = $1 and phone = $2", tenant, recipient);
        await _kit.ExecuteAsync("update campaigns.recipients set contacted_at = now() where tenant_id = $1 and phone = $2", tenant, recipient);
        var direct = await _kit.DirectAsync(tenant, beta, recipient);

        var send = Assert.Single((await _kit.Claimer().ClaimAsync(1000, "t", Cancel)).Sends, s => s.Recipient == recipient);

        Assert.Equal(direct, send.Campaign.Value);
        Assert.True(await _kit.ScalarAsync<bool>(
            "select last_campaign_message_at = $3 and sender_id = $4 and contacted_at is null from campaigns.recipients where tenant_id = $1 and phone = $2",
            tenant, recipient, period, beta.Id)); // the period unchanged; beta is its sender now, and has not contacted it yet
    }

    [Fact]
    public async Task ClaimAsync_DirectSendToANewRecipient_RecordsItsSenderWithoutStartingThePeriod()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var recipient = DispatchKit.NewNumber("+25463");
        await _kit.DirectAsync(tenant, sender, recipient);
        var claimer = _kit.Claimer();
        Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Recipient == recipient);

        Assert.True(await _kit.ScalarAsync<bool>(
            "select sender_id = $3 and last_campaign_message_at is null from campaigns.recipients where tenant_id = $1 and phone = $2",
            tenant, recipient, sender.Id));
        await _kit.FreeAsync(sender);
        var campaign = await _kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        Assert.Equal(campaign, Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Recipient == recipient).Campaign.Value);
    }

    [Fact]
    public async Task CompleteAsync_DirectSendSent_MarksItsRecipientContactedByItsSender()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var recipient = DispatchKit.NewNumber("+25464");
        await _kit.DirectAsync(tenant, sender, recipient);
        var claim = await _kit.Claimer().ClaimAsync(1000, "t", Cancel);
        var send = Assert.Single(claim.Sends, s => s.Recipient == recipient);
        var leftAt = claim.DatabaseNow + Duration.FromMilliseconds(100);
        var completer = new DispatchCompleter(_kit.DataSource, DispatchKit.Wrap(DispatchKit.Options()), _kit.Metrics, NullLogger<DispatchCompleter>.Instance);

        await completer.CompleteAsync([new SendCompletion(send, new SendOutcome(MessageFate.Sent, "ID-D1"), leftAt, leftAt + Duration.FromSeconds(1))], Cancel);

        Assert.True(await _kit.ScalarAsync<bool>(
            "select contacted_at is not null from campaigns.recipients where tenant_id = $1 and phone = $2 and sender_id = $3", tenant, recipient, sender.Id));
        Assert.Equal("completed", await _kit.ScalarAsync<string>("select status from campaigns.campaigns where id = $1", send.Campaign.Value));
    }

    [Fact]
    public async Task ClaimAsync_SenderUnderAReachoutTimelock_HoldsADirectSendToAFirstContactOnly()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        await _kit.ExecuteAsync("update campaigns.senders set restricted_until = now() + interval '1 hour' where id = $1", sender.Id);
        var stranger = DispatchKit.NewNumber("+25465");
        var known = DispatchKit.NewNumber("+25465");
        await _kit.ExecuteAsync(
            "insert into campaigns.recipients (tenant_id, phone, sender_id, contacted_at) values ($1, $2, $3, now() - interval '2 days')",
            tenant, known, sender.Id);
        await _kit.DirectAsync(tenant, sender, stranger, age: TimeSpan.FromSeconds(5));
        await _kit.DirectAsync(tenant, sender, known);
        var claimer = _kit.Claimer();

        Assert.Equal(known, Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number).Recipient);
        await _kit.FreeAsync(sender);
        Assert.DoesNotContain((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number);
    }

    [Fact]
    public async Task FailoverRunAsync_DirectSendOnASenderDownPastFailoverAfter_StaysOnItsSenderAndWaits()
    {
        var tenant = await _kit.TenantAsync();
        var down = await _kit.SenderAsync(tenant);
        var other = await _kit.SenderAsync(tenant);
        await _kit.CampaignAsync(tenant, [down, other], []);
        var direct = await _kit.DirectAsync(tenant, down, DispatchKit.NewNumber("+25466"));
        await _kit.ExecuteAsync(
            "update campaigns.senders set paused_reason = 'disconnected', paused_at = now() - interval '2 hours' where id = $1", down.Id);

        await _kit.Failover().RunAsync(Cancel);

        Assert.Equal(down.Id, await _kit.ScalarAsync<Guid>("select sender_id from campaigns.messages where campaign_id = $1", direct));
        Assert.True(await _kit.ScalarAsync<bool>("select waiting_since is not null from campaigns.campaigns where id = $1", direct));
    }
}
