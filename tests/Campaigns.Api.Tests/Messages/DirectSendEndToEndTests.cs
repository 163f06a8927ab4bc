using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Api.Tests.Dispatch;
using Campaigns.Api.Tests.Senders;

namespace Campaigns.Api.Tests.Messages;

/// <summary>A direct send through the API, the pre-check, the host's dispatch loops and the sandbox, followed at <c>GET /api/messages/{id}</c>.</summary>
public sealed class DirectSendEndToEndTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_OnTheSandbox_GoesQueuedSentDeliveredReadAndItsCampaignCompletes()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (instance, sender) = await EndToEnd.OpenSenderAsync(fixture, client, $"direct-{run}");
        var phone = $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}";

        var accepted = await EndToEnd.ReadAsync(
            await client.PostAsJsonAsync("/api/messages", new { number = phone, text = $"Your code is {run}" }, Cancel), HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetGuid();
        Assert.Equal(("queued", sender), (accepted.GetProperty("status").GetString(), accepted.GetProperty("senderId").GetGuid()));
        var read = await EndToEnd.PollAsync(client, $"/api/messages/{id}", m => m.GetProperty("status").GetString() == "read", TimeSpan.FromSeconds(60));

        foreach (var time in new[] { "sentAt", "deliveredAt", "readAt" })
        {
            Assert.Equal(JsonValueKind.String, read.GetProperty(time).ValueKind);
        }

        Assert.Equal(JsonValueKind.Null, read.GetProperty("queuePlace").ValueKind);
        using var sandbox = fixture.CreateSandboxClient();
        var sends = (await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/sends", Cancel)).EnumerateArray()
            .Where(s => s.GetProperty("instance").GetString() == instance).ToArray();
        var send = Assert.Single(sends);
        Assert.StartsWith(phone.TrimStart('+'), send.GetProperty("number").GetString(), StringComparison.Ordinal);
        // Its hidden campaign completed once the message settled; the sender's day counts the send (one budget).
        // (Read in the database: the campaign endpoints do not show a direct send.)
        await using (var status = fixture.DataSource.CreateCommand("select status from campaigns.campaigns where id = $1"))
        {
            status.Parameters.Add(new() { Value = id });
            Assert.Equal("completed", await status.ExecuteScalarAsync(Cancel));
        }

        var stats = await client.GetFromJsonAsync<JsonElement>("/api/stats", Cancel);
        var senderToday = stats.GetProperty("senders").EnumerateArray().Single(s => s.GetProperty("senderId").GetGuid() == sender);
        Assert.Equal(1, senderToday.GetProperty("sentToday").GetInt32());
    }

    /// <summary>
    /// The proof: a campaign and direct sends on one sender share its one budget. The sender's cap is 8 today. A
    /// campaign of 10 starts; once it has sent twice, 3 direct sends go to three of its numbers (the pre-check's cache
    /// knows them, so they need no lookup). They go next (priority), and never past the cap (no extra budget): 8 sends
    /// in all reach the gateway, each at least the floor after the one before across both, and the sandbox's own audit
    /// of the ban-avoidance rules counts no violation.
    /// </summary>
    [Fact]
    public async Task DirectSendsAndACampaign_OnOneSender_KeepTheFloorAndTheCapBetweenThem()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (instance, sender) = await EndToEnd.OpenSenderAsync(fixture, client, $"budget-{run}");
        await EndToEnd.ReadAsync(
            await client.PatchAsJsonAsync($"/api/senders/{sender}", new { dailyCapMin = 8, dailyCapMax = 8, activatedOn = "2025-01-01" }, Cancel), HttpStatusCode.OK);
        var phones = Enumerable.Range(0, 10).Select(_ => $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}").Distinct().ToArray();
        var campaign = await EndToEnd.StartCampaignAsync(fixture, client, run, phones, [sender]);
        var underway = await EndToEnd.PollAsync(client, $"/api/campaigns/{campaign}", c => EndToEnd.Reached(c) >= 2, TimeSpan.FromSeconds(60));

        var queued = (await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}/messages?status=queued&limit=50", Cancel))
            .GetProperty("items").EnumerateArray().Select(m => m.GetProperty("phone").GetString()!).ToArray();
        var direct = new List<(Guid Id, string Text)>();
        foreach (var phone in queued.Take(3))
        {
            var text = $"Order {run}-{direct.Count} is on its way";
            var accepted = await EndToEnd.ReadAsync(
                await client.PostAsJsonAsync("/api/messages", new { number = phone, text }, Cancel), HttpStatusCode.Accepted);
            Assert.Equal(sender, accepted.GetProperty("senderId").GetGuid()); // the tenant's one sender, sticky or not
            direct.Add((accepted.GetProperty("id").GetGuid(), text));
        }

        await EndToEnd.PollAsync(client, $"/api/senders/{sender}", s => s.GetProperty("sentToday").GetInt32() >= 8, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(4), Cancel); // past the floor and the jitter: a 9th send would have gone by now

        foreach (var (id, _) in direct)
        {
            var message = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}", Cancel);
            Assert.Contains(message.GetProperty("status").GetString(), new[] { "sent", "delivered", "read" });
        }

        var after = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}", Cancel);
        Assert.Equal((5, 5), (EndToEnd.Reached(after), after.GetProperty("counts").GetProperty("queued").GetInt32()));
        Assert.Equal(8, (await client.GetFromJsonAsync<JsonElement>($"/api/senders/{sender}", Cancel)).GetProperty("sentToday").GetInt32());
        using var sandbox = fixture.CreateSandboxClient();
        var sends = (await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/sends", Cancel)).EnumerateArray()
            .Where(s => s.GetProperty("instance").GetString() == instance).OrderBy(s => s.GetProperty("sequence").GetInt64()).ToArray();
        Assert.Equal(8, sends.Length);
        // The direct sends went before the campaign's later messages: at most one campaign send was in flight when they came.
        var positions = direct.Select(d => Array.FindIndex(sends, s => s.GetProperty("body").GetString() == d.Text)).ToArray();
        Assert.All(positions, p => Assert.InRange(p, EndToEnd.Reached(underway), EndToEnd.Reached(underway) + 3));
        var audit = (await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/audit", Cancel)).GetProperty("instances").EnumerateArray()
            .Single(a => a.GetProperty("instance").GetString() == instance);
        Assert.Equal(8, audit.GetProperty("sends").GetInt32());
        Assert.All(audit.GetProperty("violations").EnumerateObject(), v => Assert.True(v.Value.GetInt32() == 0, $"{v.Name} {v.Value}"));
    }
}
