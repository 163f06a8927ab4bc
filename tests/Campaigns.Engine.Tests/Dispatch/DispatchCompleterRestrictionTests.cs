using Campaigns.Engine.Dispatch;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>What the completion writes for a reach-out timelock (463) and for a sent message's recipient.</summary>
public sealed class DispatchCompleterRestrictionTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    [Fact]
    public async Task CompleteAsync_Timelock_RestrictsForTheDefaultDurationRequeuesRestartsTheWarmUpAndTellsTheCampaign()
    {
        var (tenant, sender, campaign, claim) = await ClaimOneAsync();
        var send = Assert.Single(claim.Sends);

        await Completer().CompleteAsync([Timelock(send, claim, until: null)], Cancel);

        Assert.Equal("queued", (await _kit.MessagesAsync(campaign))[send.Recipient].Status);
        Assert.True(await _kit.ScalarAsync<bool>(
            """
            select restriction = 'reachout_timelock' and restricted_at > now() - interval '1 minute'
               and restricted_until between now() + interval '23 hours 59 minutes' and now() + interval '24 hours 1 minute'
            from campaigns.senders where id = $1
            """,
            sender.Id));
        Assert.True(await _kit.ScalarAsync<bool>(
            "select warmup_from = (now() at time zone 'Africa/Nairobi')::date from campaigns.numbers where phone = $1", sender.Number));
        Assert.Equal(sender.Id.ToString(), await _kit.ScalarAsync<string>(
            "select detail->>'senderId' from campaigns.campaign_events where campaign_id = $1 and kind = 'sender_restricted'", campaign));
        Assert.NotEqual(Guid.Empty, tenant);
    }

    [Fact]
    public async Task CompleteAsync_TimelockWithAnEnd_NeverShortensAnActiveLockAndTellsTheCampaignOnce()
    {
        var (_, sender, campaign, claim) = await ClaimOneAsync();
        var send = Assert.Single(claim.Sends);
        var locked = claim.DatabaseNow + Duration.FromHours(2);
        await _kit.ExecuteAsync(
            "update campaigns.senders set restricted_until = $2, restricted_at = now() - interval '1 hour', restriction = 'reachout_timelock' where id = $1",
            sender.Id, locked);

        await Completer().CompleteAsync([Timelock(send, claim, claim.DatabaseNow + Duration.FromHours(1))], Cancel);
        var afterShorter = await _kit.ScalarAsync<Instant>("select restricted_until from campaigns.senders where id = $1", sender.Id);
        await Completer().CompleteAsync([Timelock(send, claim, claim.DatabaseNow + Duration.FromHours(5))], Cancel);

        Assert.Equal(locked, afterShorter);
        Assert.True(await _kit.ScalarAsync<bool>(
            """
            select restricted_until = $2 and restricted_at < now() - interval '59 minutes'
            from campaigns.senders where id = $1
            """,
            sender.Id, claim.DatabaseNow + Duration.FromHours(5)));
        Assert.Equal(0L, await _kit.ScalarAsync<long>("select count(*) from campaigns.campaign_events where campaign_id = $1", campaign));
    }

    [Fact]
    public async Task CompleteAsync_Sent_MarksTheRecipientContacted()
    {
        var (tenant, _, _, claim) = await ClaimOneAsync();
        var send = Assert.Single(claim.Sends);

        await Completer().CompleteAsync(
            [new SendCompletion(send, new SendOutcome(MessageFate.Sent, "KEY-1"), claim.DatabaseNow, claim.DatabaseNow + Duration.FromSeconds(2))], Cancel);

        Assert.True(await _kit.ScalarAsync<bool>(
            "select contacted_at is not null from campaigns.recipients where tenant_id = $1 and phone = $2", tenant, send.Recipient));
    }

    private async Task<(Guid Tenant, TestSender Sender, Guid Campaign, DispatchClaim Claim)> ClaimOneAsync()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var campaign = await _kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25486"), sender)]);
        var claim = await _kit.Claimer().ClaimAsync(1000, "t", Cancel);
        return (tenant, sender, campaign, claim);
    }

    private DispatchCompleter Completer() =>
        new(_kit.DataSource, DispatchKit.Wrap(DispatchKit.Options()), _kit.Metrics, NullLogger<DispatchCompleter>.Instance);

    private static SendCompletion Timelock(ClaimedSend send, DispatchClaim claim, Instant? until) =>
        new(send,
            new SendOutcome(MessageFate.Requeue, ErrorCode: "gateway.reachout_timelock", Sender: SenderEffect.Restrict, RestrictedUntil: until),
            claim.DatabaseNow,
            claim.DatabaseNow + Duration.FromSeconds(2));
}
