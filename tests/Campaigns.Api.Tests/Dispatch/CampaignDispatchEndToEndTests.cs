using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Api.Tests.Senders;

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
            var (instance, sender) = await EndToEnd.OpenSenderAsync(fixture, client, $"e2e-{run}-{i}");
            instances.Add(instance);
            senders.Add(sender.ToString());
        }

        // Numbers and text of this test only: the fixture's sandbox also records other tests' sends.
        var phones = Enumerable.Range(0, Recipients).Select(i => $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}").Distinct().ToArray();
        var campaign = await EndToEnd.StartCampaignAsync(fixture, client, run, phones, senders.Select(s => Guid.Parse(s!.GetValue<string>())));
        var done = await CompletedAsync(client, campaign, TimeSpan.FromSeconds(90));

        Assert.Equal(Recipients, EndToEnd.Reached(done));
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
        var (instance, sender) = await EndToEnd.OpenSenderAsync(fixture, client, $"e2e-{run}-0");
        var phones = new[] { $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}", SenderFixture.NotOnWhatsApp, $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}" };
        var campaign = await EndToEnd.StartCampaignAsync(fixture, client, run, phones, [sender]);
        var done = await CompletedAsync(client, campaign, TimeSpan.FromSeconds(60));

        Assert.Equal((2, 1), (EndToEnd.Reached(done), done.GetProperty("counts").GetProperty("skipped").GetInt32()));
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

    private static Task<JsonElement> CompletedAsync(HttpClient client, Guid campaign, TimeSpan within) =>
        EndToEnd.PollAsync(client, $"/api/campaigns/{campaign}", c => c.GetProperty("status").GetString() == "completed", within);
}
