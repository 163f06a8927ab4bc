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
        var campaign = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}", Cancel);
        Assert.Equal("completed", campaign.GetProperty("status").GetString());
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/stats", Cancel);
        var senderToday = stats.GetProperty("senders").EnumerateArray().Single(s => s.GetProperty("senderId").GetGuid() == sender);
        Assert.Equal(1, senderToday.GetProperty("sentToday").GetInt32());
    }
}
