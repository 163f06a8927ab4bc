using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Api.Tests.Senders;
using Campaigns.Engine.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Dispatch;

/// <summary>What the end-to-end dispatch tests share: open senders on the fixture's sandbox, waiting, reading answers.</summary>
internal static class EndToEnd
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A new linked, open sandbox instance registered as a sender on the floor profile with the floor (1 s) and a small jitter.</summary>
    public static async Task<(string Instance, Guid Sender)> OpenSenderAsync(SenderFixture fixture, HttpClient client, string name)
    {
        using var sandbox = fixture.CreateSandboxClient();
        var token = await SenderFixture.CreateInstanceAsync(sandbox, name, $"25471{Random.Shared.Next(1_000_000, 9_999_999)}", scan: true);
        var sender = (await ReadAsync(
            await client.PostAsJsonAsync("/api/senders", new { name, gatewayUrl = fixture.Sandbox.AbsoluteUri, instance = name, instanceApiKey = token }, Cancel),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        // The floor profile, the floor (1 s, the least allowed) and a small jitter keep the test short.
        using var patch = new StringContent("""{"jitterMinMs":0,"jitterMaxMs":200,"pacing":{"profile":"floor"}}""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        await ReadAsync(await client.PatchAsync($"/api/senders/{sender}", patch, Cancel), HttpStatusCode.OK);
        return (name, sender);
    }

    /// <summary>
    /// Imports <paramref name="phones"/>, creates a campaign of this run over <paramref name="senders"/> (a text varied by
    /// spintax and the first name; a window open all day), prepares it, starts it and wakes the watchdog.
    /// </summary>
    public static async Task<Guid> StartCampaignAsync(
        SenderFixture fixture, HttpClient client, string run, IReadOnlyList<string> phones, IEnumerable<Guid> senders)
    {
        var list = await ImportAsync(client, "phone,First Name\n" + string.Concat(phones.Select((p, i) => $"{p},Name{i}\n")));
        var body = Valid(list);
        body["template"] = "{Hi|Hello|Hey} {{ first_name }}, run " + run + " is here.";
        body["senderIds"] = new JsonArray([.. senders.Select(s => (JsonNode)s.ToString())]);
        // All day, as two touching ranges (one range cannot be all day): no minute of the day stalls these tests.
        body["sendWindow"] = JsonNode.Parse("""{"ranges":[{"start":"00:00","end":"12:00"},{"start":"12:00","end":"00:00"}],"timeZone":"UTC"}""");
        var campaign = (await CreateAsync(client, body)).GetProperty("id").GetGuid();
        await ReadAsync(await client.PostAsync($"/api/campaigns/{campaign}/prepare", null, Cancel), HttpStatusCode.Accepted);
        await WaitForAsync(client, campaign, "ready");
        await ReadAsync(await client.PostAsync($"/api/campaigns/{campaign}/start", null, Cancel), HttpStatusCode.OK);
        fixture.Factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(RecurringJobs.DispatchWatchdog);
        return campaign;
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="done"/> holds, doing <paramref name="meanwhile"/> between looks.</summary>
    public static async Task<JsonElement> PollAsync(
        HttpClient client, string path, Func<JsonElement, bool> done, TimeSpan within, Action? meanwhile = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var current = await client.GetFromJsonAsync<JsonElement>(path, Cancel);
            if (done(current))
            {
                return current;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} not there after {within}: {current}");
            meanwhile?.Invoke();
            await Task.Delay(250, Cancel);
        }
    }

    /// <summary>
    /// The messages a campaign's counts show as having left: sent, delivered or read (the sandbox's receipts move a
    /// sent message on within milliseconds, and the webhook processor applies them).
    /// </summary>
    public static int Reached(JsonElement campaign)
    {
        var counts = campaign.GetProperty("counts");
        return counts.GetProperty("sent").GetInt32() + counts.GetProperty("delivered").GetInt32() + counts.GetProperty("read").GetInt32();
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
