using System.Collections.Concurrent;
using Campaigns.Tests.Shared;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

public sealed class DispatchClaimerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    [Fact]
    public async Task ClaimAsync_TwoClaimersAtOnce_NeverClaimAMessageTwiceNorANumberTwiceInFlight()
    {
        var tenant = await _kit.TenantAsync();
        var senders = new List<TestSender>();
        for (var i = 0; i < 12; i++)
        {
            senders.Add(await _kit.SenderAsync(tenant));
        }

        var messages = senders.SelectMany(s => Enumerable.Range(0, 5).Select(_ => (DispatchKit.NewNumber("+25471"), s))).ToList();
        var campaign = await _kit.CampaignAsync(tenant, senders, messages);

        var claimed = new ConcurrentDictionary<string, string>();
        var inFlight = new ConcurrentDictionary<string, bool>();
        var violations = new ConcurrentQueue<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);

        async Task ClaimerAsync(string owner)
        {
            var claimer = _kit.Claimer();
            while (claimed.Count < messages.Count && DateTime.UtcNow < deadline)
            {
                var claim = await claimer.ClaimAsync(4, owner, Cancel);
                foreach (var send in claim.Sends.Where(s => s.Campaign.Value == campaign)) // other tests' numbers share the database
                {
                    if (!claimed.TryAdd(send.Recipient, owner))
                    {
                        violations.Enqueue($"{send.Recipient} claimed twice");
                    }

                    if (!inFlight.TryAdd(send.Number, true))
                    {
                        violations.Enqueue($"{send.Number} has two sends in flight");
                    }
                }

                // Complete like the loop does, minus the gap: the number is free again once its lease is replaced.
                foreach (var send in claim.Sends)
                {
                    inFlight.TryRemove(send.Number, out _);
                    await _kit.ExecuteAsync(
                        "update campaigns.messages set status = 'sent' where campaign_id = $1 and phone = $2", campaign, send.Recipient);
                    await _kit.ExecuteAsync(
                        "update campaigns.numbers set next_send_at = now(), last_sent_at = null where phone = $1 and next_send_at = $2",
                        send.Number, send.Lease);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => ClaimerAsync("a"), Cancel), Task.Run(() => ClaimerAsync("b"), Cancel));

        Assert.Empty(violations);
        Assert.Equal(messages.Count, claimed.Count);
        Assert.Contains("a", claimed.Values);
        Assert.Contains("b", claimed.Values);
        Assert.All((await _kit.MessagesAsync(campaign)).Values, m => Assert.Equal(("sent", 1), (m.Status, m.Attempts)));
    }

    [Fact]
    public async Task ClaimAsync_SenderSharedByTwoCampaigns_TakesThemInTurnOnOneBudget()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var first = await _kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 3).Select(_ => (DispatchKit.NewNumber("+25472"), sender)));
        var second = await _kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 3).Select(_ => (DispatchKit.NewNumber("+25472"), sender)));
        var claimer = _kit.Claimer();

        var order = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var send = Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends);
            order.Add(send.Campaign.Value);
            Assert.Empty((await claimer.ClaimAsync(1000, "t", Cancel)).Sends); // one number: nothing while in flight
            await _kit.ExecuteAsync("update campaigns.numbers set next_send_at = now(), last_sent_at = null where phone = $1", send.Number);
        }

        Assert.Equal(6, order.Count);
        for (var i = 1; i < order.Count; i++)
        {
            Assert.NotEqual(order[i - 1], order[i]);
        }

        Assert.Equal(3, order.Count(c => c == first));
        Assert.Equal(3, order.Count(c => c == second));
        Assert.Equal(6, await _kit.ScalarAsync<int>("select sent_today from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task ClaimAsync_RecipientGotACampaignMessageWithinThePeriod_SecondOneWaits()
    {
        var tenant = await _kit.TenantAsync();
        var alpha = await _kit.SenderAsync(tenant);
        var beta = await _kit.SenderAsync(tenant);
        var recipient = DispatchKit.NewNumber("+25473");
        var first = await _kit.CampaignAsync(tenant, [alpha], [(recipient, alpha)]);
        var second = await _kit.CampaignAsync(tenant, [beta], [(recipient, beta)]);
        var claimer = _kit.Claimer();

        var claim = await claimer.ClaimAsync(1000, "t", Cancel);

        var send = Assert.Single(claim.Sends); // two numbers could send to the recipient at once: one does
        var other = send.Campaign.Value == first ? second : first;
        Assert.Equal("queued", (await _kit.MessagesAsync(other))[recipient].Status);
        Assert.Empty((await claimer.ClaimAsync(1000, "t", Cancel)).Sends);
        var otherNumber = send.Number == alpha.Number ? beta.Number : alpha.Number;
        var recheck = await _kit.ScalarAsync<Instant>("select next_send_at from campaigns.numbers where phone = $1", otherNumber);
        Assert.True(recheck > await _kit.ScalarAsync<Instant>("select now()", []) + Duration.FromSeconds(30), "it looks again after BlockedRecheck");

        await _kit.ExecuteAsync(
            "update campaigns.recipients set last_campaign_message_at = now() - interval '25 hours' where tenant_id = $1 and phone = $2", tenant, recipient);
        await _kit.ExecuteAsync("update campaigns.numbers set next_send_at = now() where phone = $1", otherNumber);
        var later = Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends);
        Assert.Equal(other, later.Campaign.Value);
    }

    [Fact]
    public async Task ClaimAsync_DailyCapReached_NumberWaitsForItsNextLocalMidnight()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant, capMin: 2, capMax: 2, timeZone: "America/New_York");
        var campaign = await _kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 4).Select(_ => (DispatchKit.NewNumber("+25474"), sender)));
        var claimer = _kit.Claimer();

        for (var i = 0; i < 2; i++)
        {
            var send = Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends);
            await _kit.ExecuteAsync("update campaigns.numbers set next_send_at = now(), last_sent_at = null where phone = $1", send.Number);
        }

        var capped = await claimer.ClaimAsync(1000, "t", Cancel);

        Assert.Empty(capped.Sends);
        Assert.True(capped.Due >= 1);
        var next = await _kit.ScalarAsync<Instant>("select next_send_at from campaigns.numbers where phone = $1", sender.Number);
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        Assert.Equal(zone.AtStartOfDay(capped.DatabaseNow.InZone(zone).Date.PlusDays(1)).ToInstant(), next);
        Assert.Equal(2, (await _kit.MessagesAsync(campaign)).Values.Count(m => m.Status == "queued"));
    }

    [Fact]
    public async Task ClaimAsync_NothingLeftToSend_ParksTheNumber()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        await _kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25475"), sender)]);
        var claimer = _kit.Claimer();
        var send = Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends);
        await _kit.ExecuteAsync("update campaigns.numbers set next_send_at = now(), last_sent_at = null where phone = $1", send.Number);

        var idle = await claimer.ClaimAsync(1000, "t", Cancel);

        Assert.Empty(idle.Sends);
        Assert.True(idle.Due >= 1);
        Assert.True(await _kit.ScalarAsync<bool>("select next_send_at is null from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task ClaimAsync_PausedSender_ParksItsNumberAndSendsNothing()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        await _kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25476"), sender)]);
        await _kit.ExecuteAsync("update campaigns.senders set paused_reason = 'disconnected' where id = $1", sender.Id);

        var claim = await _kit.Claimer().ClaimAsync(1000, "t", Cancel);

        Assert.Empty(claim.Sends);
        Assert.True(await _kit.ScalarAsync<bool>("select next_send_at is null from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task ClaimAsync_WindowClosedForTheRecipient_SendsNothingAndLooksAgainLater()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var now = (await _kit.ScalarAsync<Instant>("select now()", [])).InZone(DateTimeZoneProviders.Tzdb["Africa/Nairobi"]).TimeOfDay;
        var start = now.PlusHours(2).ToString("HH:mm", null);
        var end = now.PlusHours(3).ToString("HH:mm", null);
        var campaign = await _kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25477"), sender)], [(start, end)]);

        var claim = await _kit.Claimer().ClaimAsync(1000, "t", Cancel);

        Assert.Empty(claim.Sends);
        Assert.Equal("queued", (await _kit.MessagesAsync(campaign)).Values.Single().Status);
        Assert.False(await _kit.ScalarAsync<bool>("select next_send_at is null from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task ClaimAsync_WindowOpenInItsSecondRange_Claims()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var now = (await _kit.ScalarAsync<Instant>("select now()", [])).InZone(DateTimeZoneProviders.Tzdb["Africa/Nairobi"]).TimeOfDay;
        var closed = (now.PlusHours(2).ToString("HH:mm", null), now.PlusHours(3).ToString("HH:mm", null));
        var open = (now.PlusHours(-1).ToString("HH:mm", null), now.PlusHours(1).ToString("HH:mm", null));
        var campaign = await _kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25477"), sender)], [closed, open]);

        var claim = await _kit.Claimer().ClaimAsync(1000, "t", Cancel);

        Assert.Single(claim.Sends, s => s.Campaign.Value == campaign);
    }

    [Fact]
    public async Task ClaimAsync_MessageNotPrechecked_IsNotClaimedAndTheNumberIsParked()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var campaign = await _kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25478"), sender)], prechecked: false);

        var claim = await _kit.Claimer().ClaimAsync(1000, "t", Cancel);

        Assert.DoesNotContain(claim.Sends, s => s.Campaign.Value == campaign);
        Assert.Equal("queued", (await _kit.MessagesAsync(campaign)).Values.Single().Status);
        Assert.True(await _kit.ScalarAsync<bool>("select next_send_at is null from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task ClaimAsync_JidOtherThanTheNumberAsTyped_ClaimsTheSendToThatJid()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var recipient = DispatchKit.NewNumber("+25479");
        var campaign = await _kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        await _kit.ExecuteAsync("update campaigns.messages set jid = '5511987654321@s.whatsapp.net' where campaign_id = $1", campaign);

        var send = Assert.Single((await _kit.Claimer().ClaimAsync(1000, "t", Cancel)).Sends, s => s.Campaign.Value == campaign);

        Assert.Equal((recipient, "5511987654321@s.whatsapp.net"), (send.Recipient, send.Jid));
    }
}
