using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Engine.Senders;
using Npgsql;

namespace Campaigns.Api.Tests.Webhooks;

/// <summary>The receiver's rules: what it answers, what it stores and what it does not.</summary>
public sealed class WebhookReceiverTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("webhook-messages-update.json", "messages-update")]
    [InlineData("webhook-send-message.json", "send-message")]
    [InlineData("webhook-messages-upsert.json", "messages-upsert")]
    [InlineData("webhook-connection-update-open.json", "connection-update")]
    public async Task Receive_ByEventsSegmentNamingTheBodysEvent_StoresIt(string example, string segment)
    {
        var (url, sender) = await SenderAsync();

        using var response = await PostAsync($"{url}/{segment}", Example(example));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([JsonNode.Parse(Example(example))!["event"]!.GetValue<string>()], (await InboxAsync(sender)).Select(r => r.Event));
    }

    [Fact]
    public async Task Receive_SegmentNamingAnotherEvent_Answers400NamingEventAndStoresNothing()
    {
        var (url, sender) = await SenderAsync();

        using var response = await PostAsync($"{url}/messages-upsert", Example("webhook-messages-update.json"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("webhook.event_mismatch", "event"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Empty(await InboxAsync(sender));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/messages-update")]
    public async Task Receive_WrongSecret_Answers401AndStoresNothing(string segment)
    {
        var (_, sender) = await SenderAsync();

        using var response = await PostAsync($"/webhooks/evolution/{sender:N}/not-the-secret{segment}", Example("webhook-messages-update.json"));

        Assert.Equal("webhook.unknown_url", (await Problem.ReadAsync(response, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
        Assert.Empty(await InboxAsync(sender));
    }

    [Theory]
    [InlineData("not json", "webhook.not_json", "body")]
    [InlineData("{\"event\": \"messages.update\"", "webhook.not_json", "body")]
    [InlineData("{\"data\": {}}", "webhook.no_event", "event")]
    [InlineData("[\"messages.update\"]", "webhook.no_event", "event")]
    [InlineData("{\"event\": 7}", "webhook.no_event", "event")]
    public async Task Receive_NotAnEvent_Answers400NamingTheField(string body, string code, string field)
    {
        var (url, sender) = await SenderAsync();

        using var response = await PostAsync(url, body);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal((code, field), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Empty(await InboxAsync(sender));
    }

    [Fact]
    public async Task Receive_OverMaxPayloadBytes_Answers413AndStoresNothing()
    {
        var (url, sender) = await SenderAsync();
        var body = JsonNode.Parse(Example("webhook-messages-upsert.json"))!;
        body["data"]!["message"]!["conversation"] = new string('x', 1024 * 1024);

        using var response = await PostAsync(url, body.ToJsonString());

        Assert.Equal("webhook.too_large", (await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge)).GetProperty("code").GetString());
        Assert.Empty(await InboxAsync(sender));
    }

    [Theory]
    [InlineData("presence.update", "")]
    [InlineData("qrcode.updated", "/qrcode-updated")]
    public async Task Receive_EventTheProductDoesNotUse_Answers200AndStoresNothing(string eventName, string segment)
    {
        var (url, sender) = await SenderAsync();

        using var response = await PostAsync(url + segment, $$$"""{"event": "{{{eventName}}}", "instance": "myinst", "data": {}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await InboxAsync(sender));
    }

    [Fact]
    public async Task Receive_RealGatewayBody_StoresItWithoutApikeyAndDestination()
    {
        var (url, sender) = await SenderAsync();
        var body = JsonNode.Parse(Example("webhook-messages-update.json"))!.AsObject();
        body["apikey"] = "B6D711FCDE4D4FD5936544120E713976";
        body["destination"] = "https://campaigns.example/" + url.TrimStart('/');

        using var response = await PostAsync(url, body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = JsonNode.Parse(Assert.Single(await InboxAsync(sender)).Payload)!.AsObject();
        Assert.DoesNotContain("apikey", stored.Select(p => p.Key));
        Assert.DoesNotContain("destination", stored.Select(p => p.Key));
        body.Remove("apikey");
        body.Remove("destination");
        Assert.True(JsonNode.DeepEquals(body, stored), stored.ToJsonString()); // everything else as sent
    }

    [Theory]
    [InlineData("webhook-messages-update.json")]
    [InlineData("webhook-messages-update-v1.json")]
    [InlineData("webhook-send-message.json")]
    [InlineData("webhook-messages-upsert.json")]
    public async Task Receive_SameEventTwice_Answers200AndStoresItOnce(string example)
    {
        var (url, sender) = await SenderAsync();
        var copy = JsonNode.Parse(Example(example))!;
        copy["date_time"] = "2025-01-01T09:00:35.000Z"; // a resend may differ in its envelope; the event is the same

        using var first = await PostAsync(url, Example(example));
        using var again = await PostAsync(url + "/" + copy["event"]!.GetValue<string>().Replace('.', '-'), copy.ToJsonString());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Single(await InboxAsync(sender));
    }

    [Fact]
    public async Task Receive_SameEventManyTimesAtOnce_StoresItOnce()
    {
        var (url, sender) = await SenderAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync(url, Example("webhook-send-message.json"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await InboxAsync(sender));
    }

    [Fact]
    public async Task Receive_ManyAtOnceSomeWithAWrongSecret_AnswersAndStoresEachAsItsOwn()
    {
        var (url, sender) = await SenderAsync();
        var wrong = $"/webhooks/evolution/{sender:N}/not-the-secret";
        string Update(int n) => JsonNode.Parse(Example("webhook-messages-update.json"))!.AsObject() is var body && (body["data"]!["keyId"] = $"ID{n}") is not null
            ? body.ToJsonString()
            : throw new InvalidOperationException();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(n => PostAsync(n % 2 == 0 ? url : wrong, Update(n))));

        Assert.Equal(
            Enumerable.Range(0, 40).Select(n => n % 2 == 0 ? HttpStatusCode.OK : HttpStatusCode.Unauthorized),
            responses.Select(r => r.StatusCode));
        Assert.Equal(
            Enumerable.Range(0, 20).Select(n => $"ID{n * 2}").Order(),
            (await InboxAsync(sender)).Select(r => JsonNode.Parse(r.Payload)!["data"]!["keyId"]!.GetValue<string>()).Order());
    }

    [Theory]
    [InlineData("webhook-messages-update.json")]
    [InlineData("webhook-messages-update-v1.json")]
    public async Task Receive_SameMessageAnotherStatus_StoresBoth(string example)
    {
        var (url, sender) = await SenderAsync();
        var read = JsonNode.Parse(Example(example))!;
        read["data"]!["status"] = "READ";

        using var first = await PostAsync(url, Example(example));
        using var second = await PostAsync(url, read.ToJsonString());

        Assert.Equal(2, (await InboxAsync(sender)).Count);
    }

    [Fact]
    public async Task Receive_SameEventForAnotherSender_StoresItForEach()
    {
        var (url, sender) = await SenderAsync();
        var (otherUrl, other) = await SenderAsync();

        using var first = await PostAsync(url, Example("webhook-send-message.json"));
        using var second = await PostAsync(otherUrl, Example("webhook-send-message.json"));

        Assert.Single(await InboxAsync(sender));
        Assert.Single(await InboxAsync(other));
    }

    [Fact]
    public async Task Receive_TenConnectingInARow_StoresOne()
    {
        var (url, sender) = await SenderAsync();

        for (var i = 0; i < 10; i++)
        {
            using var response = await PostAsync(url, State("connecting"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(await InboxAsync(sender));
    }

    [Fact]
    public async Task Receive_TenConnectingAtOnce_StoresOne()
    {
        var (url, sender) = await SenderAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(url, State("connecting"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await InboxAsync(sender));
    }

    [Fact]
    public async Task Receive_ConnectingOpenConnecting_StoresEach()
    {
        var (url, sender) = await SenderAsync();

        foreach (var state in new[] { "connecting", "open", "connecting", "connecting" })
        {
            using var response = await PostAsync(url, State(state));
        }

        Assert.Equal(["connecting", "open", "connecting"], (await InboxAsync(sender)).Select(r => JsonNode.Parse(r.Payload)!["data"]!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Receive_SameStateAfterTheHeartbeat_StoresItAgain()
    {
        var (url, sender) = await SenderAsync();
        using (var first = await PostAsync(url, State("connecting")))
        {
        }

        await ExecuteAsync("update campaigns.senders set webhook_state_at = now() - interval '5 minutes 1 second' where id = $1", sender);
        using var again = await PostAsync(url, State("connecting"));

        Assert.Equal(2, (await InboxAsync(sender)).Count);
    }

    private static string State(string state) =>
        JsonNode.Parse(Example("webhook-connection-update-open.json"))!.AsObject() is var body && (body["data"]!["state"] = state) is not null
            ? body.ToJsonString()
            : throw new InvalidOperationException();

    private static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Webhooks", "Examples", name));

    private async Task<HttpResponseMessage> PostAsync(string url, string body)
    {
        using var client = fixture.Factory.CreateClient();
        return await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"), Cancel);
    }

    /// <summary>A sender of a new tenant, stored directly (no gateway needed), and its webhook URL's path.</summary>
    private async Task<(string Url, Guid Sender)> SenderAsync()
    {
        var (_, tenant) = await fixture.CreateTenantAsync();
        var id = Guid.CreateVersion7();
        var secret = WebhookSecret.Generate();
        await ExecuteAsync(
            """
            insert into campaigns.senders (id, tenant_id, name, gateway_url, instance, instance_key_protected, time_zone, activated_on,
                daily_cap_min, daily_cap_max, min_interval_ms, jitter_min_ms, jitter_max_ms, webhook_secret_hash, state, state_changed_at)
            values ($1, $2, 'sender', 'http://127.0.0.1:9/', $3, 'protected', 'UTC', '2020-01-01', 200, 300, 1000, 1000, 5000, $4, 'open', now())
            """,
            id, tenant.Value, "inst-" + id.ToString("N"), WebhookSecret.Hash(secret));
        return ($"/webhooks/evolution/{id:N}/{secret}", id);
    }

    private async Task<List<(string Event, string Payload)>> InboxAsync(Guid sender)
    {
        await using var command = fixture.DataSource.CreateCommand("select event, payload::text from campaigns.webhook_inbox where sender_id = $1 order by id");
        command.Parameters.Add(new NpgsqlParameter { Value = sender });
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = fixture.DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }
}
