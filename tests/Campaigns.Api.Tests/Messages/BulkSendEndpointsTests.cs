using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Api.Tests.Dispatch;
using Campaigns.Api.Tests.Senders;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Messages;

/// <summary>
/// <c>POST /api/messages/bulk</c> through the API and the host's own Hangfire server, on open sandbox senders: what is
/// refused before answering (nothing stored), what the recipients become, and the campaign it makes, prepared, started
/// and sent like any other.
/// </summary>
public sealed class BulkSendEndpointsTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    /// <summary>All day in UTC, as two touching ranges (one range cannot be all day): no minute of the day stalls these tests.</summary>
    private const string AllDay = """{"ranges":[{"start":"00:00","end":"12:00"},{"start":"12:00","end":"00:00"}],"timeZone":"UTC"}""";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_ElevenIdenticalTexts_RefusedLikeACampaignAndNothingStored()
    {
        var (client, sender, _) = await TenantWithSenderAsync();
        var phones = Phones(11);
        var text = $"Hello there {Run()}";

        using var response = await PostAsync(client, "/api/messages/bulk", Bulk(sender, phones).With($$"""{ "text": "{{text}}" }"""));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        // A campaign of the same text to the same 11 numbers is refused with the same code and problem.
        var list = await ImportAsync(client, "phone\n" + string.Join('\n', phones) + "\n");
        using var campaign = await PostAsync(client, "/api/campaigns", Valid(list).With($$"""{ "template": "{{text}}" }"""));
        var campaignProblem = await Problem.ReadAsync(campaign, HttpStatusCode.BadRequest);
        Assert.Equal(campaignProblem.GetProperty("code").GetString(), problem.GetProperty("code").GetString());
        Assert.Equal("campaign.invalid", problem.GetProperty("code").GetString());
        var refusal = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Equal(Assert.Single(campaignProblem.GetProperty("problems").EnumerateArray()).GetProperty("code").GetString(), refusal.GetProperty("code").GetString());
        Assert.Equal(("template.variation_unreachable", "text"), (refusal.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        // Nothing stored: no campaign, and no list but the one this test imported.
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/campaigns", Cancel)).GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/contact-lists", Cancel)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Send_ElevenIdenticalRenderedTemplates_RefusedBeforeAnythingIsStored()
    {
        var (client, sender, _) = await TenantWithSenderAsync();
        var recipients = new JsonArray([.. Phones(11).Select(p => (JsonNode)new JsonObject { ["number"] = p, ["fields"] = new JsonObject { ["first_name"] = "Amina" } })]);
        var body = Bulk(sender, []);
        body["template"] = "Hi {{ first_name }}, " + Run();
        body["recipients"] = recipients;

        using var response = await PostAsync(client, "/api/messages/bulk", body);

        // The template reads a field, so only planning the recipients finds that all 11 texts are the same.
        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("campaign.invalid", "template"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Equal("template.variation_unreachable", Assert.Single(problem.GetProperty("problems").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/campaigns", Cancel)).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/contact-lists", Cancel)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Send_TenIdenticalTexts_AcceptedAsABulkCampaign()
    {
        var (client, sender, _) = await TenantWithSenderAsync();

        using var response = await PostAsync(client, "/api/messages/bulk", Bulk(sender, Phones(10)).With($$"""{ "text": "Hello there {{Run()}}", "delay": 5 }"""));

        var accepted = await EndToEnd.ReadAsync(response, HttpStatusCode.Accepted);
        var id = accepted.GetProperty("campaignId").GetGuid();
        Assert.Equal($"/api/campaigns/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(10, accepted.GetProperty("recipients").GetProperty("accepted").GetInt32());
        Assert.Equal(0, accepted.GetProperty("errors").GetArrayLength());
        var campaign = await GetAsync(client, id);
        Assert.Equal(("bulk", 5), (campaign.GetProperty("origin").GetString(), campaign.GetProperty("delay").GetInt32()));
        Assert.Equal(sender, Assert.Single(campaign.GetProperty("senderIds").EnumerateArray()).GetGuid());
    }

    [Fact]
    public async Task Send_TemplateWithFields_RendersEachRecipientsOwnText()
    {
        var (client, sender, _) = await TenantWithSenderAsync();
        var phones = Phones(2);
        var run = Run();
        var body = Bulk(sender, []);
        body["template"] = "Hi {{ first_name }}, code {{ code }} (" + run + ")";
        body["recipients"] = JsonNode.Parse($$"""
            [{ "number": "{{phones[0]}}", "fields": { "first_name": "Amina", "code": "A1" } },
             { "number": "{{phones[1]}}", "fields": { "first_name": "Baraka" } }]
            """);

        var id = (await EndToEnd.ReadAsync(await PostAsync(client, "/api/messages/bulk", body), HttpStatusCode.Accepted)).GetProperty("campaignId").GetGuid();

        await WaitUntilAsync(client, id, "running", "completed");
        var bodies = (await MessagesAsync(client, id)).ToDictionary(m => m.GetProperty("phone").GetString()!, m => m.GetProperty("body").GetString());
        Assert.Equal($"Hi Amina, code A1 ({run})", bodies[phones[0]]);
        Assert.Equal($"Hi Baraka, code  ({run})", bodies[phones[1]]); // a field another recipient has is empty
    }

    [Fact]
    public async Task Send_Text_IsSentAsWrittenNotAsATemplate()
    {
        var (client, sender, _) = await TenantWithSenderAsync();
        var text = @"Use {{ code }} or {a|b} \{ now " + Run();
        var body = Bulk(sender, Phones(1));
        body["text"] = text;

        var id = (await EndToEnd.ReadAsync(await PostAsync(client, "/api/messages/bulk", body), HttpStatusCode.Accepted)).GetProperty("campaignId").GetGuid();

        await WaitUntilAsync(client, id, "running", "completed");
        Assert.Equal(text, Assert.Single(await MessagesAsync(client, id)).GetProperty("body").GetString());
    }

    [Fact]
    public async Task Send_InvalidDuplicateAndSuppressedRecipients_CountedAndReportedByIndex()
    {
        var (client, sender, _) = await TenantWithSenderAsync();
        var phones = Phones(3);
        await EndToEnd.ReadAsync(await client.PostAsJsonAsync("/api/suppressions", new[] { phones[2] }, Cancel), HttpStatusCode.OK);
        var body = Bulk(sender, [phones[0], "not a number", phones[0], phones[2], phones[1]]).With($$"""{ "template": "{Hi|Hello} {{Run()}}" }""");

        using var response = await PostAsync(client, "/api/messages/bulk", body);

        var accepted = await EndToEnd.ReadAsync(response, HttpStatusCode.Accepted);
        var counts = accepted.GetProperty("recipients");
        Assert.Equal(
            (2, 1, 1, 1),
            (counts.GetProperty("accepted").GetInt32(), counts.GetProperty("invalid").GetInt32(), counts.GetProperty("duplicates").GetInt32(), counts.GetProperty("suppressed").GetInt32()));
        var errors = accepted.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("reason").GetString()))
            .ToArray();
        Assert.Equal(3, errors.Length);
        Assert.Equal((1, "recipients[1].number"), (errors[0].Item1, errors[0].Item2));
        Assert.Contains("letters", errors[0].Item3, StringComparison.Ordinal);
        Assert.Equal((2, "recipients[2].number", "duplicate of recipient 0"), errors[1]);
        Assert.Equal((3, "recipients[3].number", "on the suppression list"), errors[2]);
    }

    [Fact]
    public async Task Send_OverMaxRecipients_Answers400NamingRecipients()
    {
        var (client, sender, _) = await TenantWithSenderAsync();
        var body = Bulk(sender, Enumerable.Repeat("+254700000000", 10_001).ToArray()).With("""{ "text": "Hi" }""");

        using var response = await PostAsync(client, "/api/messages/bulk", body);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("bulk.too_many_recipients", "recipients"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/contact-lists", Cancel)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Send_NoSenderCanSend_Answers409AndStoresNothing()
    {
        using var client = await fixture.CreateTenantClientAsync();

        using var response = await PostAsync(client, "/api/messages/bulk", new JsonObject
        {
            ["recipients"] = new JsonArray(new JsonObject { ["number"] = Phones(1)[0] }),
            ["text"] = "Hi",
        });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(("campaign.no_senders", "senderIds"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/contact-lists", Cancel)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Send_EndToEnd_StartsItselfAndSendsEveryRecipientWithinTheRules()
    {
        var (client, sender, instance) = await TenantWithSenderAsync();
        var phones = Phones(3);
        var body = Bulk(null, phones); // no senderIds: the tenant's
        body["template"] = "{Hi|Hello|Hey} {{ phone }}, " + Run();

        var id = (await EndToEnd.ReadAsync(await PostAsync(client, "/api/messages/bulk", body), HttpStatusCode.Accepted)).GetProperty("campaignId").GetGuid();

        var done = await EndToEnd.PollAsync(client, $"/api/campaigns/{id}", c => c.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(90));
        Assert.Equal(3, EndToEnd.Reached(done));
        Assert.Equal(JsonValueKind.String, done.GetProperty("startedAt").ValueKind); // it ran: nobody started it
        Assert.Equal(sender, Assert.Single(done.GetProperty("senderIds").EnumerateArray()).GetGuid());
        using var sandbox = fixture.CreateSandboxClient();
        var sends = (await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/sends", Cancel)).EnumerateArray()
            .Where(s => s.GetProperty("instance").GetString() == instance).ToArray();
        Assert.Equal(3, sends.Length);
        Assert.All(sends, s => Assert.Equal("sent", s.GetProperty("outcome").GetString()));
        var audit = (await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/audit", Cancel)).GetProperty("instances").EnumerateArray()
            .Single(a => a.GetProperty("instance").GetString() == instance);
        Assert.All(audit.GetProperty("violations").EnumerateObject(), v => Assert.True(v.Value.GetInt32() == 0, $"{v.Name} {v.Value}"));
    }

    [Fact]
    public async Task Send_StartAtAhead_IsScheduledOncePrepared()
    {
        var (client, sender, _) = await TenantWithSenderAsync();
        var startAt = DateTimeOffset.UtcNow.AddHours(2).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var body = Bulk(sender, Phones(2)).With($$"""{ "text": "Later {{Run()}}", "startAt": "{{startAt}}" }""");

        var id = (await EndToEnd.ReadAsync(await PostAsync(client, "/api/messages/bulk", body), HttpStatusCode.Accepted)).GetProperty("campaignId").GetGuid();

        var scheduled = await WaitForAsync(client, id, "scheduled");
        Assert.Equal(0, EndToEnd.Reached(scheduled));
    }

    [Fact]
    public async Task Send_SameIdempotencyKey_AnswersTheSameCampaign()
    {
        var (client, sender, _) = await TenantWithSenderAsync();
        var body = Bulk(sender, Phones(2)).With($$"""{ "text": "Once {{Run()}}" }""");
        var key = Guid.NewGuid().ToString();

        var first = await EndToEnd.ReadAsync(await SendWithKeyAsync(client, body, key), HttpStatusCode.Accepted);
        var again = await EndToEnd.ReadAsync(await SendWithKeyAsync(client, body, key), HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("campaignId").GetGuid(), again.GetProperty("campaignId").GetGuid());
        Assert.Equal(2, again.GetProperty("recipients").GetProperty("accepted").GetInt32());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/campaigns", Cancel)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Send_SameIdempotencyKeyOtherBody_Answers409AndMakesNothing()
    {
        var (client, sender, _) = await TenantWithSenderAsync();
        var key = Guid.NewGuid().ToString();
        var first = Bulk(sender, Phones(2)).With($$"""{ "text": "First {{Run()}}" }""");
        var other = Bulk(sender, Phones(3)).With($$"""{ "text": "Other {{Run()}}" }""");

        await EndToEnd.ReadAsync(await SendWithKeyAsync(client, first, key), HttpStatusCode.Accepted);
        using var conflict = await SendWithKeyAsync(client, other, key);

        var problem = await Problem.ReadAsync(conflict, HttpStatusCode.Conflict);
        Assert.Equal("bulk.idempotency_conflict", problem.GetProperty("code").GetString());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/campaigns", Cancel)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Send_WindowClosedNow_RunsButSendsNothingUntilItOpens()
    {
        var (client, sender, instance) = await TenantWithSenderAsync();
        var now = DateTime.UtcNow;
        // A window of one hour that opens two hours from now (UTC): closed for the whole test.
        var window = $$"""{"start":"{{now.AddHours(2):HH\:mm}}","end":"{{now.AddHours(3):HH\:mm}}","timeZone":"UTC"}""";
        var body = Bulk(sender, Phones(2)).With($$"""{ "text": "Windowed {{Run()}}" }""");
        body["window"] = JsonNode.Parse(window);

        var id = (await EndToEnd.ReadAsync(await PostAsync(client, "/api/messages/bulk", body), HttpStatusCode.Accepted)).GetProperty("campaignId").GetGuid();

        await WaitForAsync(client, id, "running");
        await Task.Delay(TimeSpan.FromSeconds(4), Cancel); // the floor is 1 s: an open window would have sent both by now
        var campaign = await GetAsync(client, id);
        Assert.Equal(0, EndToEnd.Reached(campaign));
        Assert.Equal(now.AddHours(2).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), campaign.GetProperty("sendWindow").GetProperty("start").GetString());
        using var sandbox = fixture.CreateSandboxClient();
        Assert.DoesNotContain(
            (await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/sends", Cancel)).EnumerateArray(),
            s => s.GetProperty("instance").GetString() == instance);
    }

    [Fact]
    public async Task Send_WindowInvalid_Answers400NamingTheBulkField()
    {
        var (client, sender, _) = await TenantWithSenderAsync();
        var body = Bulk(sender, Phones(1)).With("""{ "text": "Hi", "window": { "start": "8am" } }""");

        using var response = await PostAsync(client, "/api/messages/bulk", body);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("campaign.invalid", "window.start"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    private async Task<(HttpClient Client, Guid Sender, string Instance)> TenantWithSenderAsync()
    {
        var client = await fixture.CreateTenantClientAsync();
        var (instance, sender) = await EndToEnd.OpenSenderAsync(fixture, client, $"bulk-{Run()}");
        return (client, sender, instance);
    }

    /// <summary>A bulk send to <paramref name="phones"/> from <paramref name="sender"/> (none: the tenant's), open all day; the test adds the message.</summary>
    private static JsonObject Bulk(Guid? sender, IReadOnlyList<string> phones)
    {
        var body = new JsonObject
        {
            ["recipients"] = new JsonArray([.. phones.Select(p => (JsonNode)new JsonObject { ["number"] = p })]),
            ["window"] = JsonNode.Parse(AllDay),
        };
        if (sender is { } id)
        {
            body["senderIds"] = new JsonArray(id.ToString());
        }

        return body;
    }

    /// <summary>Numbers of this test only: the fixture's sandbox records every test's sends.</summary>
    private static string[] Phones(int count) =>
        Enumerable.Range(0, count).Select(_ => $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}").Distinct().ToArray();

    private static string Run() => Guid.NewGuid().ToString("N")[..8];

    private static Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, JsonObject body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages/bulk")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, Cancel);
    }

    private static Task<JsonElement> WaitUntilAsync(HttpClient client, Guid id, params string[] statuses) =>
        EndToEnd.PollAsync(client, $"/api/campaigns/{id}", c => statuses.Contains(c.GetProperty("status").GetString()), TimeSpan.FromSeconds(30));
}
