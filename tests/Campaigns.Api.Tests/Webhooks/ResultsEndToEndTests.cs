using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Api.Tests.Dispatch;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Webhooks;

/// <summary>
/// Results end to end: the sandbox posts its webhooks (each on its own, as Evolution does) to the API's receiver, the
/// host's Hangfire server runs the processor, and the appliers turn them into statuses, replies, opt-outs and sender
/// states that the REST API shows.
/// </summary>
public sealed class ResultsEndToEndTests(RepliesFixture fixture) : IClassFixture<RepliesFixture>
{
    /// <summary>What the sandbox's recipients say when they are not opting out (its chat lines).</summary>
    private static readonly HashSet<string> ChatLines = ["Thanks!", "Ok 👍", "Who is this?", "Great, see you there", "Received"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Campaign_OnTheSandbox_IsDeliveredReadRepliedToAndOptOutsSkipAnotherCampaign()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (_, sender) = await EndToEnd.OpenSenderAsync(fixture, client, $"results-{run}");
        // Fixed numbers: the sandbox decides who opts out and who is addressed by @lid from the number, so this run's
        // mix is the same every time (and holds both kinds of each).
        var phones = Enumerable.Range(0, 10).Select(i => Phone(31_000_000 + (i * 7_919))).ToArray();

        // A second campaign over the same numbers, prepared but not started: an opt-out must skip its messages too.
        var later = await PreparedCampaignAsync(client, phones, sender, run);
        var campaign = await EndToEnd.StartCampaignAsync(fixture, client, run, phones, [sender]);
        var done = await EndToEnd.PollAsync(
            client, $"/api/campaigns/{campaign}",
            c => c.GetProperty("status").GetString() == "completed" && c.GetProperty("counts").GetProperty("replied").GetInt32() == phones.Length,
            TimeSpan.FromSeconds(60));

        Assert.Equal(phones.Length, done.GetProperty("counts").GetProperty("read").GetInt32());
        var messages = await MessagesAsync(client, campaign);
        Assert.Equal(phones.Length, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Equal("read", m.GetProperty("status").GetString());
            foreach (var time in new[] { "sentAt", "deliveredAt", "readAt", "repliedAt" })
            {
                Assert.Equal(JsonValueKind.String, m.GetProperty(time).ValueKind);
            }
        });

        var replies = await RepliesAsync(campaign);
        Assert.Equal(phones.Order(), replies.Select(r => r.Phone).Order());
        Assert.Contains(replies, r => r.Jid.EndsWith("@lid", StringComparison.Ordinal));           // matched through remoteJidAlt
        Assert.Contains(replies, r => r.Jid.EndsWith("@s.whatsapp.net", StringComparison.Ordinal));
        var stopped = replies.Where(r => !ChatLines.Contains(r.Body)).Select(r => r.Phone).Order().ToArray();
        Assert.NotEmpty(stopped);
        Assert.NotEqual(phones.Length, stopped.Length);

        var optOuts = (await client.GetFromJsonAsync<JsonElement>("/api/suppressions?limit=100", Cancel)).GetProperty("items").EnumerateArray()
            .Where(s => s.GetProperty("reason").GetString() == "opt_out").ToArray();
        Assert.Equal(stopped, optOuts.Select(s => s.GetProperty("phone").GetString()).Order());
        Assert.All(optOuts, s => Assert.Equal(replies.Single(r => r.Phone == s.GetProperty("phone").GetString()).Body, s.GetProperty("detail").GetString()));
        var skipped = (await MessagesAsync(client, later)).Where(m => m.GetProperty("skipCode").GetString() == "opted_out")
            .Select(m => m.GetProperty("phone").GetString()).Order().ToArray();
        Assert.Equal(stopped, skipped);
    }

    [Fact]
    public async Task ConnectionUpdate_CloseThenOpen_PausesTheSenderAndResumesIt()
    {
        using var client = await fixture.CreateTenantClientAsync();
        using var sandbox = fixture.CreateSandboxClient();
        var (instance, sender) = await EndToEnd.OpenSenderAsync(fixture, client, $"state-{Guid.NewGuid():N}"[..14]);

        using (var close = await sandbox.PostAsync($"/sandbox/instances/{instance}/close", null, Cancel))
        {
            Assert.True(close.IsSuccessStatusCode);
        }

        var paused = await EndToEnd.PollAsync(
            client, $"/api/senders/{sender}", s => s.GetProperty("paused").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10));
        Assert.Equal("close", paused.GetProperty("paused").GetProperty("reason").GetString());
        Assert.NotEqual("open", paused.GetProperty("state").GetString());

        using (var open = await sandbox.PostAsync($"/sandbox/instances/{instance}/open", null, Cancel))
        {
            Assert.True(open.IsSuccessStatusCode);
        }

        var resumed = await EndToEnd.PollAsync(
            client, $"/api/senders/{sender}", s => s.GetProperty("paused").ValueKind == JsonValueKind.Null, TimeSpan.FromSeconds(10));
        Assert.Equal("open", resumed.GetProperty("state").GetString());
    }

    private static async Task<Guid> PreparedCampaignAsync(HttpClient client, string[] phones, Guid sender, string run)
    {
        var list = await ImportAsync(client, "phone,First Name\n" + string.Concat(phones.Select((p, i) => $"{p},Later{i}\n")));
        var body = Valid(list);
        body["template"] = "{Hi|Hello|Hey} {{ first_name }}, later run " + run + ".";
        body["senderIds"] = new JsonArray(sender.ToString());
        var campaign = (await CreateAsync(client, body)).GetProperty("id").GetGuid();
        await EndToEnd.ReadAsync(await client.PostAsync($"/api/campaigns/{campaign}/prepare", null, Cancel), HttpStatusCode.Accepted);
        await WaitForAsync(client, campaign, "ready");
        return campaign;
    }

    private async Task<List<(string Phone, string Jid, string Body)>> RepliesAsync(Guid campaign)
    {
        await using var command = fixture.DataSource.CreateCommand(
            "select message_phone, jid, body from campaigns.replies where campaign_id = $1");
        command.Parameters.Add(new() { Value = campaign });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var replies = new List<(string, string, string)>();
        while (await reader.ReadAsync(Cancel))
        {
            replies.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return replies;
    }
}
