using System.Globalization;
using Campaigns.Engine.Dispatch;
using Campaigns.Tests.Shared;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>
/// Pacing as the claim, the loop and the completion store it: warm-up restarts, per-minute caps, the recent sends, the
/// spread profile's gaps and the reconnect ramp (the loops against the sandbox gateway).
/// </summary>
public sealed class DispatchPacingTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DispatchHarness _harness = null!;

    private DispatchKit Kit => _harness.Kit;

    public async ValueTask InitializeAsync() => _harness = await DispatchHarness.StartAsync(database);

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ClaimAsync_LastSendOlderThanIdleRestart_RestartsTheWarmUpToday()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await Kit.SenderAsync(tenant, capMin: 200, capMax: 200);
        await Kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25490"), sender)]);
        await Kit.ExecuteAsync(
            "update campaigns.numbers set last_sent_at = now() - interval '73 hours', day = current_date - 4, sent_today = 200, cap_today = 200 where phone = $1",
            sender.Number);

        Assert.Single((await Kit.Claimer().ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number);

        Assert.True(await Kit.ScalarAsync<bool>(
            "select warmup_from = (now() at time zone 'Africa/Nairobi')::date and cap_today = 20 and sent_today = 1 from campaigns.numbers where phone = $1",
            sender.Number));
    }

    [Fact]
    public async Task ClaimAsync_LastSendWithinIdleRestart_KeepsTheWarmUp()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await Kit.SenderAsync(tenant, capMin: 200, capMax: 200);
        await Kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25490"), sender)]);
        await Kit.ExecuteAsync("update campaigns.numbers set last_sent_at = now() - interval '71 hours' where phone = $1", sender.Number);

        Assert.Single((await Kit.Claimer().ClaimAsync(1000, "t", Cancel)).Sends, s => s.Number == sender.Number);

        Assert.True(await Kit.ScalarAsync<bool>(
            "select warmup_from is null and cap_today = 200 from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task ClaimAsync_PerMinuteCapFull_WaitsUntilTheOldestSendLeavesTheMinute()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await Kit.SenderAsync(tenant);
        await Kit.ExecuteAsync("update campaigns.senders set max_per_minute = 2 where id = $1", sender.Id);
        await Kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25491"), sender)]);
        await Kit.ExecuteAsync(
            """
            update campaigns.numbers set recent_sends = array[now() - interval '50 seconds', now() - interval '20 seconds'],
                last_sent_at = now() - interval '20 seconds', next_send_at = now() - interval '1 second'
            where phone = $1
            """,
            sender.Number);

        var claim = await Kit.Claimer().ClaimAsync(1000, "t", Cancel);

        Assert.DoesNotContain(claim.Sends, s => s.Number == sender.Number);
        Assert.True(await Kit.ScalarAsync<bool>(
            "select next_send_at = recent_sends[1] + interval '1 minute' from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task CompleteAsync_Send_AppendsItsTimeAndDropsSendsOlderThanAnHour()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await Kit.SenderAsync(tenant);
        await Kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25492"), sender)]);
        await Kit.ExecuteAsync(
            "update campaigns.numbers set recent_sends = array[now() - interval '2 hours', now() - interval '30 minutes'] where phone = $1",
            sender.Number);
        var claim = await Kit.Claimer().ClaimAsync(1000, "t", Cancel);
        var send = Assert.Single(claim.Sends, s => s.Number == sender.Number);
        var leftAt = claim.DatabaseNow + Duration.FromMilliseconds(300);
        var completer = new DispatchCompleter(
            Kit.DataSource, DispatchKit.Wrap(DispatchKit.Options()), Kit.Metrics, Microsoft.Extensions.Logging.Abstractions.NullLogger<DispatchCompleter>.Instance);

        await completer.CompleteAsync([new SendCompletion(send, new SendOutcome(MessageFate.Sent, "ID1"), leftAt, leftAt + Duration.FromSeconds(2))], Cancel);

        Assert.True(await Kit.ScalarAsync<bool>(
            "select cardinality(recent_sends) = 2 and recent_sends[1] > now() - interval '31 minutes' and recent_sends[2] = $2 from campaigns.numbers where phone = $1",
            sender.Number, leftAt));
    }

    [Fact]
    public async Task RunAsync_SpreadProfile_PlansMinutesWhereTheFloorProfilePlansSeconds()
    {
        // Zones where it is about noon now: half a day left to spread 200 sends over (about 3.6 minutes apart).
        var zone = NoonZone();
        var tenant = await Kit.TenantAsync();
        var spread = await _harness.SenderAsync(tenant, 0, timeZone: zone, profile: "spread");
        var floor = await _harness.SenderAsync(tenant, 1, timeZone: zone, profile: "floor");
        await Kit.ExecuteAsync("update campaigns.senders set daily_cap_min = 200, daily_cap_max = 200 where id = any($1)", new[] { spread.Id, floor.Id });
        // Each keeps messages queued after its first send, so that neither number is parked when the loop stops.
        var campaign = await Kit.CampaignAsync(
            tenant, [spread, floor], Enumerable.Range(0, 8).Select(i => (DispatchKit.NewNumber("+25493"), i < 2 ? spread : floor)));

        await DispatchHarness.RunUntilAsync(
            _harness.Loop(DispatchKit.Options()), async () => await SentAsync(campaign, 2) && await SentByAsync(campaign, spread) && await SentByAsync(campaign, floor));

        var spreadGap = await PlannedGapAsync(spread);
        var floorGap = await PlannedGapAsync(floor);
        Assert.True(spreadGap > TimeSpan.FromSeconds(100), $"the spread profile planned {spreadGap}");
        Assert.InRange(floorGap, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RunAsync_SpreadProfileWindowClosingSoon_SpreadsOverTheWindowsOpenTimeNotTheDay()
    {
        // About noon in the sender's zone, and the campaign's window (in that zone) closes 20 minutes from now:
        // 200 sends over 20 minutes are about 6 s apart, where half a day would make them minutes apart.
        var zone = NoonZone();
        var local = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb[zone]).TimeOfDay;
        var window = ((local - Period.FromHours(1)).ToString("HH:mm", CultureInfo.InvariantCulture), (local + Period.FromMinutes(20)).ToString("HH:mm", CultureInfo.InvariantCulture));
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 3, timeZone: zone, profile: "spread");
        await Kit.ExecuteAsync("update campaigns.senders set daily_cap_min = 200, daily_cap_max = 200 where id = $1", sender.Id);
        var campaign = await Kit.CampaignAsync(
            tenant, [sender], Enumerable.Range(0, 2).Select(_ => (DispatchKit.NewNumber("+25495"), sender)), [window], windowTimeZone: zone);

        await DispatchHarness.RunUntilAsync(_harness.Loop(DispatchKit.Options()), () => SentAsync(campaign, 1));

        Assert.InRange(await PlannedGapAsync(sender), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task RunAsync_JustReconnected_SlowsTheGapByTheSlowdown()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 2, jitterMinMs: 3000, jitterMaxMs: 3000); // every gap exactly 4 s
        await Kit.ExecuteAsync("update campaigns.senders set reconnected_at = now() where id = $1", sender.Id);
        var campaign = await Kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 2).Select(_ => (DispatchKit.NewNumber("+25494"), sender)));

        await DispatchHarness.RunUntilAsync(_harness.Loop(DispatchKit.Options()), () => SentAsync(campaign, 1));

        // Slowed about 3× (the default slowdown, falling over 15 minutes): about 12 s from the request instead of 4 s.
        // The request is after the claim; the next send is never before request + gap, and an unslowed one never more
        // than 4 s after the answer.
        Assert.InRange(await Kit.ScalarAsync<double>(
            """
            select extract(epoch from n.next_send_at - m.claimed_at)::float8
            from campaigns.numbers n join campaigns.messages m on m.campaign_id = $1 and m.status = 'sent' where n.phone = $2
            """,
            campaign, sender.Number), 11.5, 14);
        Assert.True(await PlannedGapAsync(sender) > TimeSpan.FromSeconds(5));
    }

    /// <summary>An IANA zone (Etc/GMT±n) where the local time is about noon now.</summary>
    private static string NoonZone()
    {
        var offset = 12 - DateTime.UtcNow.Hour; // -11 … +12
        offset = Math.Clamp(offset, -12, 12);
        return offset switch
        {
            0 => "Etc/GMT",
            > 0 => "Etc/GMT-" + offset.ToString(CultureInfo.InvariantCulture), // the Etc sign is reversed: Etc/GMT-3 is UTC+3
            _ => "Etc/GMT+" + (-offset).ToString(CultureInfo.InvariantCulture),
        };
    }

    private async Task<bool> SentByAsync(Guid campaign, TestSender sender) =>
        await Kit.ScalarAsync<bool>(
            "select exists (select 1 from campaigns.messages where campaign_id = $1 and sender_id = $2 and status = 'sent')", campaign, sender.Id);

    private async Task<bool> SentAsync(Guid campaign, int count) =>
        (await Kit.MessagesAsync(campaign)).Values.Count(m => m.Status == "sent") >= count;

    /// <summary>The gap between a number's last send and its next planned one.</summary>
    private async Task<TimeSpan> PlannedGapAsync(TestSender sender) =>
        TimeSpan.FromSeconds(await Kit.ScalarAsync<double>(
            "select extract(epoch from next_send_at - last_sent_at)::float8 from campaigns.numbers where phone = $1", sender.Number));
}
