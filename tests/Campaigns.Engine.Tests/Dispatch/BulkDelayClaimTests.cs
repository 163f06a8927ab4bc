using Campaigns.Engine.Dispatch;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>The claim's gate for a bulk send's <c>delay</c> (<c>campaigns.min_gap_ms</c>, migration 0021).</summary>
public sealed class BulkDelayClaimTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    [Fact]
    public async Task ClaimAsync_CampaignWithADelay_IsNotClaimedFromTheSenderAgainBeforeTheDelayEnds()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var campaign = await DelayedAsync(tenant, sender, 3, TimeSpan.FromSeconds(30));
        var claimer = _kit.Claimer();
        Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number);
        await _kit.FreeAsync(sender);

        Assert.DoesNotContain((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number);

        Assert.Equal(2, (await _kit.MessagesAsync(campaign)).Values.Count(m => m.Status == "queued"));
        await _kit.ExecuteAsync("update campaigns.campaign_senders set last_claimed_at = now() - interval '30 seconds' where campaign_id = $1", campaign);
        await _kit.FreeAsync(sender);
        Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number);
    }

    [Fact]
    public async Task ClaimAsync_HeldOnlyByADelay_WakesTheNumberAtTheDelaysEnd()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var campaign = await DelayedAsync(tenant, sender, 2, TimeSpan.FromSeconds(20));
        var claimer = _kit.Claimer();
        Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number);
        await _kit.FreeAsync(sender);

        await claimer.ClaimAsync(1000, "t", Cancel);

        Assert.True(await _kit.ScalarAsync<bool>(
            """
            select n.next_send_at = cs.last_claimed_at + interval '20 seconds'
              from campaigns.numbers n, campaigns.campaign_senders cs
             where n.phone = $1 and cs.campaign_id = $2 and cs.sender_id = $3
            """,
            sender.Number, campaign, sender.Id));
    }

    [Fact]
    public async Task ClaimAsync_DelayLongerThanTheRecheck_LooksAgainAtTheRecheck()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        await DelayedAsync(tenant, sender, 2, TimeSpan.FromMinutes(30));
        var claimer = _kit.Claimer();
        Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number);
        await _kit.FreeAsync(sender);

        var claim = await claimer.ClaimAsync(1000, "t", Cancel);

        // not parked, not asleep for the whole delay: new work (a direct send) is looked at within the recheck
        Assert.Equal(
            claim.DatabaseNow + Duration.FromTimeSpan(DispatchKit.Options().BlockedRecheck),
            await _kit.ScalarAsync<Instant>("select next_send_at from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task ClaimAsync_DelayedCampaignBesideAnother_TheOtherGoesMeanwhile()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var delayed = await DelayedAsync(tenant, sender, 3, TimeSpan.FromMinutes(5));
        var plain = await _kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 3).Select(_ => (DispatchKit.NewNumber("+25468"), sender)));
        var claimer = _kit.Claimer();

        var order = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            order.Add(Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number).Campaign.Value);
            await _kit.FreeAsync(sender);
        }

        Assert.Equal(1, order.Count(c => c == delayed));
        Assert.Equal(3, order.Count(c => c == plain));
    }

    [Fact]
    public async Task ClaimAsync_WindowOpeningBeforeTheDelaysEnd_WakesTheNumberAtTheOpening()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        await DelayedAsync(tenant, sender, 2, TimeSpan.FromMinutes(10));
        var claimer = _kit.Claimer(DispatchKit.Options(o => o.BlockedRecheck = TimeSpan.FromMinutes(20)));
        Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number);
        // Another campaign whose window opens in two to three minutes (at a whole minute, in the sender's zone).
        var now = (await _kit.ScalarAsync<Instant>("select now()", [])).InZone(DateTimeZoneProviders.Tzdb["Africa/Nairobi"]).TimeOfDay;
        var start = now.PlusMinutes(3).ToString("HH:mm", null);
        var end = now.PlusMinutes(60).ToString("HH:mm", null);
        await _kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25469"), sender)], [(start, end)], windowTimeZone: "Africa/Nairobi");
        await _kit.FreeAsync(sender);

        await claimer.ClaimAsync(1000, "t", Cancel);

        var next = await _kit.ScalarAsync<Instant>("select next_send_at from campaigns.numbers where phone = $1", sender.Number);
        Assert.Equal(start, next.InZone(DateTimeZoneProviders.Tzdb["Africa/Nairobi"]).TimeOfDay.ToString("HH:mm", null));
    }

    [Fact]
    public async Task CompleteAsync_SendOfADelayedCampaignAnsweredLate_CountsTheDelayFromTheAnswer()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var campaign = await DelayedAsync(tenant, sender, 2, TimeSpan.FromSeconds(20));
        var claim = await _kit.Claimer().ClaimAsync(1000, "t", Cancel);
        var send = Assert.Single(claim.Sends, s => s.Number == sender.Number);
        var answeredAt = claim.DatabaseNow + Duration.FromSeconds(5); // a slow gateway: the send may have arrived this late
        var completer = new DispatchCompleter(_kit.DataSource, DispatchKit.Wrap(DispatchKit.Options()), _kit.Metrics, NullLogger<DispatchCompleter>.Instance);

        await completer.CompleteAsync([new SendCompletion(send, new SendOutcome(MessageFate.Sent, "ID-G1"), answeredAt, answeredAt + Duration.FromSeconds(1))], Cancel);

        Assert.Equal(answeredAt, await _kit.ScalarAsync<Instant>(
            "select last_claimed_at from campaigns.campaign_senders where campaign_id = $1 and sender_id = $2", campaign, sender.Id));
    }

    /// <summary>A running campaign with <paramref name="count"/> messages on <paramref name="sender"/> and a bulk send's delay.</summary>
    private async Task<Guid> DelayedAsync(Guid tenant, TestSender sender, int count, TimeSpan delay)
    {
        var campaign = await _kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, count).Select(_ => (DispatchKit.NewNumber("+25467"), sender)));
        await _kit.ExecuteAsync(
            "update campaigns.campaigns set origin = 'bulk', min_gap_ms = $2 where id = $1", campaign, (int)delay.TotalMilliseconds);
        return campaign;
    }
}
