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

/// <summary>
/// The whole path through the API and the host's own Hangfire server: import, create over several senders, prepare,
/// start; the assignment job, the dispatch loops and the completion; then the sandbox's record of what it received,
/// audited by its own rules.
/// </summary>
public sealed class CampaignDispatchEndToEndTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private const int Senders = 3;
    private const int Recipients = 9;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_CampaignOverSeveralSenders_CompletesSendingEachRecipientOnceWithinTheRules()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var instances = new List<string>();
        var senders = new JsonArray();
        for (var i = 0; i < Senders; i++)
        {
            var (instance, sender) = await OpenSenderAsync(client, run, i);
            instances.Add(instance);
            senders.Add(sender.ToString());
        }

        // Numbers and text of this test only: the fixture's sandbox also records other tests' sends.
        var phones = Enumerable.Range(0, Recipients).Select(i => $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}").Distinct().ToArray();
        var (campaign, done) = await RunCampaignAsync(
            client, phones, "{Hi|Hello|Hey} {{ first_name }}, run " + run + " is here.", senders, TimeSpan.FromSeconds(90));

        Assert.Equal(Recipients, done.GetProperty("counts").GetProperty("sent").GetInt32());
        var messages = (await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}/messages?limit=50", Cancel)).GetProperty("items").EnumerateArray().ToArray();
        Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m.GetProperty("gatewayMessageId").GetString())));
        Assert.All(messages, m => Assert.Equal(JsonValueKind.String, m.GetProperty("sentAt").ValueKind));
        Assert.All(messages, m => Assert.Contains(m.GetProperty("senderId").GetString(), senders.Select(s => s!.GetValue<string>())));
        using var sandbox = fixture.CreateSandboxClient();
        var sends = (await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/sends", Cancel)).EnumerateArray()
            .Where(s => instances.Contains(s.GetProperty("instance").GetString()!))
            .ToArray();
        static string Digits(string text) => string.Concat(text.TakeWhile(c => c != '@').Where(char.IsAsciiDigit));
        Assert.Equal(phones.Select(Digits).Order(), sends.Select(s => Digits(s.GetProperty("number").GetString()!)).Order()); // each once
        Assert.All(sends, s => Assert.Equal("sent", s.GetProperty("outcome").GetString()));
        Assert.Equal(Senders, sends.Select(s => s.GetProperty("instance").GetString()).Distinct().Count()); // spread over all
        var audit = await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/audit", Cancel);
        foreach (var instance in audit.GetProperty("instances").EnumerateArray().Where(a => instances.Contains(a.GetProperty("instance").GetString()!)))
        {
            Assert.Equal(Recipients / Senders, instance.GetProperty("sends").GetInt32());
            foreach (var violation in instance.GetProperty("violations").EnumerateObject())
            {
                Assert.True(violation.Value.GetInt32() == 0, $"{instance.GetProperty("instance")}: {violation.Name} {violation.Value}");
            }
        }
    }

    [Fact]
    public async Task Start_RecipientNotOnWhatsApp_IsSkippedByThePrecheckAndNeverSent()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (instance, sender) = await OpenSenderAsync(client, run, 0);
        var phones = new[] { $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}", SenderFixture.NotOnWhatsApp, $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}" };
        var (campaign, done) = await RunCampaignAsync(
            client, phones, "Hi {{ first_name }}, run " + run + ".", new JsonArray(sender.ToString()), TimeSpan.FromSeconds(60));

        Assert.Equal((2, 1), (done.GetProperty("counts").GetProperty("sent").GetInt32(), done.GetProperty("counts").GetProperty("skipped").GetInt32()));
        Assert.Equal((0, 1), (done.GetProperty("precheck").GetProperty("unchecked").GetInt32(), done.GetProperty("precheck").GetProperty("notOnWhatsApp").GetInt32()));
        var skipped = (await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}/messages?status=skipped", Cancel)).GetProperty("items")[0];
        Assert.Equal((SenderFixture.NotOnWhatsApp, "not_on_whatsapp"), (skipped.GetProperty("phone").GetString(), skipped.GetProperty("skipCode").GetString()));
        using var sandbox = fixture.CreateSandboxClient();
        var sends = (await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/sends", Cancel)).EnumerateArray()
            .Where(s => s.GetProperty("instance").GetString() == instance).ToArray();
        Assert.Equal(2, sends.Length);
        Assert.DoesNotContain(sends, s => s.GetProperty("number").GetString()!.Contains(SenderFixture.NotOnWhatsApp[1..], StringComparison.Ordinal));
        var audit = (await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/audit", Cancel)).GetProperty("instances").EnumerateArray()
            .Single(a => a.GetProperty("instance").GetString() == instance);
        Assert.All(audit.GetProperty("violations").EnumerateObject(), v => Assert.True(v.Value.GetInt32() == 0, $"{v.Name} {v.Value}"));
    }

    /// <summary>
    /// Imports <paramref name="phones"/>, creates a campaign of <paramref name="template"/> over <paramref name="senders"/>
    /// (a window open all day but a minute), prepares and starts it, and waits until it is completed.
    /// </summary>
    private async Task<(Guid Campaign, JsonElement Done)> RunCampaignAsync(
        HttpClient client, string[] phones, string template, JsonArray senders, TimeSpan within)
    {
        var list = await ImportAsync(client, "phone,First Name\n" + string.Concat(phones.Select((p, i) => $"{p},Name{i}\n")));
        var body = Valid(list);
        body["template"] = template;
        body["senderIds"] = senders;
        body["sendWindow"] = JsonNode.Parse("""{"start":"12:00","end":"11:59","timeZone":"UTC"}"""); // all day but a minute
        var campaign = (await CreateAsync(client, body)).GetProperty("id").GetGuid();
        await Read(await client.PostAsync($"/api/campaigns/{campaign}/prepare", null, Cancel), HttpStatusCode.Accepted);
        await WaitForAsync(client, campaign, "ready");

        await Read(await client.PostAsync($"/api/campaigns/{campaign}/start", null, Cancel), HttpStatusCode.OK);
        fixture.Factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(RecurringJobs.DispatchWatchdog);
        return (campaign, await WaitForStatusAsync(client, campaign, "completed", within));
    }

    private async Task<(string Instance, Guid Sender)> OpenSenderAsync(HttpClient client, string run, int i)
    {
        using var sandbox = fixture.CreateSandboxClient();
        var name = $"e2e-{run}-{i}";
        var token = await SenderFixture.CreateInstanceAsync(sandbox, name, $"25471{Random.Shared.Next(1_000_000, 9_999_999)}", scan: true);
        var sender = (await Read(
            await client.PostAsJsonAsync("/api/senders", new { name, gatewayUrl = fixture.Sandbox.AbsoluteUri, instance = name, instanceApiKey = token }, Cancel),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        // The floor profile, the floor (1 s, the least allowed) and a small jitter keep the test short.
        using var patch = new StringContent("""{"jitterMinMs":0,"jitterMaxMs":200,"pacing":{"profile":"floor"}}""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        await Read(await client.PatchAsync($"/api/senders/{sender}", patch, Cancel), HttpStatusCode.OK);
        return (name, sender);
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, Guid campaign, string status, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var current = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}", Cancel);
            if (current.GetProperty("status").GetString() == status)
            {
                return current;
            }

            Assert.True(DateTime.UtcNow < deadline, $"still {current.GetProperty("status")} after {within}: {current.GetProperty("counts")}");
            await Task.Delay(250, Cancel);
        }
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
