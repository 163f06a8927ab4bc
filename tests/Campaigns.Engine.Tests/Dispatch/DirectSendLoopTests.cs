using System.Globalization;
using Campaigns.Tests.Shared;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>
/// Direct sends and bulk sends' delays through dispatch loops against the sandbox gateway, whose audit checks the floor
/// and the daily cap per number (instance <c>i0</c>'s cap is 4 here).
/// </summary>
public sealed class DirectSendLoopTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const int Cap = 4;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DispatchHarness _harness = null!;

    private DispatchKit Kit => _harness.Kit;

    public async ValueTask InitializeAsync() =>
        _harness = await DispatchHarness.StartAsync(database, new Dictionary<string, string?> { ["Sandbox:Instances:0:DailyCap"] = $"{Cap}" });

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RunAsync_DirectAndCampaignSendsOnOneSender_KeepTheFloorAndTheDailyCapBetweenThem()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 0, jitterMinMs: 0, jitterMaxMs: 200);
        await Kit.ExecuteAsync("update campaigns.senders set daily_cap_min = $2, daily_cap_max = $2 where id = $1", sender.Id, Cap);
        var campaign = await Kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, Cap).Select(_ => (DispatchKit.NewNumber("+25450"), sender)));
        var directs = new[]
        {
            await Kit.DirectAsync(tenant, sender, DispatchKit.NewNumber("+25451")),
            await Kit.DirectAsync(tenant, sender, DispatchKit.NewNumber("+25451")),
        };

        // Until the cap is reached, and 1.5 s more: time enough for a send over the cap, were one let through.
        DateTime? capped = null;
        await DispatchHarness.RunUntilAsync(_harness.Loop(DispatchKit.Options()), async () =>
        {
            capped ??= await SentAsync(tenant) >= Cap ? DateTime.UtcNow : null;
            return capped is { } at && DateTime.UtcNow - at > TimeSpan.FromSeconds(1.5);
        });

        Assert.Equal(Cap, await SentAsync(tenant));
        foreach (var direct in directs)
        {
            Assert.Equal("sent", Assert.Single((await Kit.MessagesAsync(direct)).Values).Status);
        }

        Assert.Equal(2, (await Kit.MessagesAsync(campaign)).Values.Count(m => m.Status == "queued"));
        var sends = await _harness.SendsAsync(0);
        Assert.Equal(Cap, sends.Count);
        var at = sends.Select(s => DateTimeOffset.Parse(s.GetProperty("at").GetString()!, CultureInfo.InvariantCulture)).ToList();
        for (var i = 1; i < at.Count; i++)
        {
            Assert.True((at[i] - at[i - 1]).TotalMilliseconds >= 1000, $"gap {i}: {(at[i] - at[i - 1]).TotalMilliseconds} ms");
        }

        Assert.All(await _harness.ViolationsAsync(0), v => Assert.Equal(0, v.Value));
        Assert.True(await Kit.ScalarAsync<bool>("select next_send_at > now() + interval '1 minute' from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task RunAsync_DelayedCampaign_SendsTheDelayApartAndWakesAtTheDelaysEnd()
    {
        var delay = TimeSpan.FromSeconds(2);
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 1);
        var campaign = await Kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 3).Select(_ => (DispatchKit.NewNumber("+25452"), sender)));
        await Kit.ExecuteAsync("update campaigns.campaigns set origin = 'bulk', min_gap_ms = $2 where id = $1", campaign, (int)delay.TotalMilliseconds);

        // Far sooner than the blocked recheck (1 min): each time the delay alone holds the number, it wakes at its end.
        await DispatchHarness.RunUntilAsync(
            _harness.Loop(DispatchKit.Options()),
            async () => await Kit.ScalarAsync<string>("select status from campaigns.campaigns where id = $1", campaign) == "completed",
            within: TimeSpan.FromSeconds(15));

        var sends = new List<(Instant ClaimedAt, Instant AnsweredAt)>();
        await using (var command = Kit.DataSource.CreateCommand("select claimed_at, sent_at from campaigns.messages where campaign_id = $1 order by claimed_at"))
        {
            command.Parameters.Add(new() { Value = campaign });
            await using var reader = await command.ExecuteReaderAsync(Cancel);
            while (await reader.ReadAsync(Cancel))
            {
                sends.Add((reader.GetFieldValue<Instant>(0), reader.GetFieldValue<Instant>(1)));
            }
        }

        var arrivals = (await _harness.SendsAsync(1)).Select(s => DateTimeOffset.Parse(s.GetProperty("at").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, arrivals.Count);
        for (var i = 1; i < sends.Count; i++)
        {
            // The delay counts from the previous send's answer (the latest moment the gateway can have received it) ...
            Assert.InRange((sends[i].ClaimedAt - sends[i - 1].AnsweredAt).ToTimeSpan(), delay, delay + TimeSpan.FromSeconds(1));
            // ... so it holds between arrivals, whatever the latency.
            Assert.True(arrivals[i] - arrivals[i - 1] >= delay, $"arrival gap {i}: {arrivals[i] - arrivals[i - 1]}");
        }

        Assert.All(await _harness.ViolationsAsync(1), v => Assert.Equal(0, v.Value));
    }

    private Task<long> SentAsync(Guid tenant) =>
        Kit.ScalarAsync<long>(
            "select count(*) from campaigns.messages m join campaigns.campaigns k on k.id = m.campaign_id where k.tenant_id = $1 and m.status = 'sent'",
            tenant);
}
