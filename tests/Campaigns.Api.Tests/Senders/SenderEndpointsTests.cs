using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Campaigns.Api.Tests.Senders;

public sealed class SenderEndpointsTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_OpenInstance_ReportsOpenWithDefaultsAndPointsTheWebhookAtUs()
    {
        using var client = await fixture.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync("/api/senders", Alpha(), Cancel);

        var sender = await ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal("open", sender.GetProperty("state").GetString());
        Assert.Equal("+254700000001", sender.GetProperty("phone").GetString());
        Assert.Equal("Africa/Nairobi", sender.GetProperty("timeZone").GetString()); // from the number
        Assert.Equal((200, 300, 1000, 1000, 5000), (
            sender.GetProperty("dailyCapMin").GetInt32(), sender.GetProperty("dailyCapMax").GetInt32(),
            sender.GetProperty("minIntervalMs").GetInt32(), sender.GetProperty("jitterMinMs").GetInt32(),
            sender.GetProperty("jitterMaxMs").GetInt32()));
        Assert.Equal(0, sender.GetProperty("sentToday").GetInt32());
        Assert.Equal(20, sender.GetProperty("capToday").GetInt32()); // activated today: the warm-up's first day
        Assert.DoesNotContain(SenderFixture.AlphaToken, sender.GetRawText(), StringComparison.Ordinal);
        var again = await client.GetFromJsonAsync<JsonElement>($"/api/senders/{sender.GetProperty("id").GetGuid()}", Cancel);
        Assert.Equal(sender.GetRawText(), again.GetRawText()); // what was answered is what is stored

        // The instance key is stored encrypted, with a Data Protection key ring kept in PostgreSQL.
        await using (var stored = fixture.DataSource.CreateCommand(
            "select instance_key_protected, (select count(*) from campaigns.data_protection_keys) from campaigns.senders where id = $1"))
        {
            stored.Parameters.Add(new NpgsqlParameter { Value = sender.GetProperty("id").GetGuid() });
            await using var row = await stored.ExecuteReaderAsync(Cancel);
            Assert.True(await row.ReadAsync(Cancel));
            Assert.DoesNotContain(SenderFixture.AlphaToken, row.GetString(0), StringComparison.Ordinal);
            Assert.True(row.GetInt64(1) >= 1);
        }

        using var sandbox = fixture.CreateSandboxClient();
        var webhook = await sandbox.GetFromJsonAsync<JsonElement>("/webhook/find/alpha", Cancel);
        var id = sender.GetProperty("id").GetGuid();
        Assert.StartsWith(new Uri(client.BaseAddress!, $"webhooks/evolution/{id:N}/").AbsoluteUri, webhook.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
        Assert.Equal(["CONNECTION_UPDATE", "MESSAGES_UPDATE", "MESSAGES_UPSERT", "SEND_MESSAGE"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()).Order());
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task Webhooks_FromTheGateway_LandInTheInbox()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var sandbox = fixture.CreateSandboxClient();

        using var sent = await sandbox.PostAsJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "Hello" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        var events = await WaitForInboxAsync(id, minimum: 4);
        Assert.Contains("send.message", events);
        Assert.Contains("messages.update", events);
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task Webhook_WithWrongSecret_Answers401AndStoresNothing()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var anonymous = fixture.Factory.CreateClient();

        using var response = await anonymous.PostAsJsonAsync($"/webhooks/evolution/{id:N}/not-the-secret", new { @event = "connection.update" }, Cancel);

        await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(await InboxAsync(id));
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task Webhook_NotJson_Answers400ToTheGatewayAnd401ToAStranger()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var sandbox = fixture.CreateSandboxClient();
        var url = new Uri((await sandbox.GetFromJsonAsync<JsonElement>("/webhook/find/alpha", Cancel)).GetProperty("url").GetString()!);
        using var anonymous = fixture.Factory.CreateClient();

        using var ours = await anonymous.PostAsync(url.PathAndQuery, new StringContent("not json", System.Text.Encoding.UTF8, "application/json"), Cancel);
        using var stranger = await anonymous.PostAsync($"/webhooks/evolution/{id:N}/guess", new StringContent("not json", System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal("webhook.not_json", (await Problem.ReadAsync(ours, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        await Problem.ReadAsync(stranger, HttpStatusCode.Unauthorized);
        Assert.Empty(await InboxAsync(id));
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task Register_WrongKey_NamesTheKeyAndStoresNothing()
    {
        using var client = await fixture.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync("/api/senders", Alpha() with { InstanceApiKey = "WRONG" }, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("instanceApiKey", problem.GetProperty("field").GetString());
        await AssertNoSendersAsync(client);
    }

    [Fact]
    public async Task Register_UnknownInstance_NamesTheInstance()
    {
        using var client = await fixture.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync("/api/senders", Alpha() with { Instance = "nope" }, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("instance", problem.GetProperty("field").GetString());
        await AssertNoSendersAsync(client);
    }

    [Fact]
    public async Task Register_UnreachableGateway_NamesTheUrl()
    {
        using var client = await fixture.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync("/api/senders", Alpha() with { GatewayUrl = "http://127.0.0.1:9/" }, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("gatewayUrl", problem.GetProperty("field").GetString());
        await AssertNoSendersAsync(client);
    }

    [Fact]
    public async Task Register_BadSettings_NamesEveryFieldAtOnce()
    {
        using var client = await fixture.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync(
            "/api/senders", Alpha() with { DailyCapMin = 300, DailyCapMax = 200, MinIntervalMs = 500, TimeZone = "Mars/Base" }, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["dailyCapMin", "minIntervalMs", "timeZone"], fields);
        await AssertNoSendersAsync(client);
    }

    [Fact]
    public async Task Register_SameInstanceTwice_Answers409()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var again = await client.PostAsJsonAsync("/api/senders", Alpha(), Cancel);

        await Problem.ReadAsync(again, HttpStatusCode.Conflict);
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task NewInstance_OnARegisteredGateway_LinksByQrThenOpens()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var gatewayId = await RegisterGatewayAsync(client);
        var instance = "gamma-" + Guid.NewGuid().ToString("N")[..8];

        var sender = await ReadAsync(
            await client.PostAsJsonAsync("/api/senders", new { name = "New line", gatewayId, instance, createInstance = true, timeZone = "Africa/Lagos" }, Cancel),
            HttpStatusCode.Created);
        var id = sender.GetProperty("id").GetGuid();
        Assert.Equal("connecting", sender.GetProperty("state").GetString());

        var qr = await client.GetFromJsonAsync<JsonElement>($"/api/senders/{id}/qr", Cancel);
        Assert.Equal("connecting", qr.GetProperty("state").GetString());
        Assert.StartsWith("data:image/png;base64,", qr.GetProperty("qrCode").GetString(), StringComparison.Ordinal);

        using var sandbox = fixture.CreateSandboxClient();
        using var scanned = await sandbox.PostAsync($"/sandbox/instances/{instance}/scan", null, Cancel);
        Assert.True(scanned.IsSuccessStatusCode);
        var checkedSender = await ReadAsync(await client.PostAsync($"/api/senders/{id}/check", null, Cancel), HttpStatusCode.OK);
        Assert.Equal("open", checkedSender.GetProperty("state").GetString());
        var open = await client.GetFromJsonAsync<JsonElement>($"/api/senders/{id}/qr", Cancel);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("qrCode").ValueKind);
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task NewInstance_WhoseRegistrationFails_IsDeletedFromTheGateway()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var gatewayId = await RegisterGatewayAsync(client);
        var instance = "zeta-" + Guid.NewGuid().ToString("N")[..8];
        using var sandbox = fixture.CreateSandboxClient();
        // The new instance's state check fails on every attempt (the first and three retries): registration fails after
        // the instance was created.
        using var fault = await sandbox.PostAsJsonAsync("/sandbox/faults", new { kind = "500", count = 4, instance }, Cancel);
        Assert.True(fault.IsSuccessStatusCode, await fault.Content.ReadAsStringAsync(Cancel));

        using var response = await client.PostAsJsonAsync("/api/senders", new { name = "Doomed", gatewayId, instance, createInstance = true }, Cancel);

        Assert.Equal("gatewayUrl", (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await AssertNoSendersAsync(client);
        using var fetched = await sandbox.GetAsync($"/instance/fetchInstances?instanceName={instance}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, fetched.StatusCode);
    }

    [Fact]
    public async Task Check_StaleKeyWithMasterKeyKnown_RepairsTheKey()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var gatewayId = await RegisterGatewayAsync(client);
        var instance = "delta-" + Guid.NewGuid().ToString("N")[..8];
        using var sandbox = fixture.CreateSandboxClient();
        await SenderFixture.CreateInstanceAsync(sandbox, instance);
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/senders", new { name = "Repairable", gatewayId, instance }, Cancel), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        await RecreateInstanceAsync(sandbox, instance); // the instance now has a new token: ours is stale
        var sender = await ReadAsync(await client.PostAsync($"/api/senders/{id}/check", null, Cancel), HttpStatusCode.OK);

        Assert.Equal("open", sender.GetProperty("state").GetString());
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task Check_StaleKeyWithoutMasterKey_PausesAsUnauthorized()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var instance = "eps-" + Guid.NewGuid().ToString("N")[..8];
        using var sandbox = fixture.CreateSandboxClient();
        var token = await SenderFixture.CreateInstanceAsync(sandbox, instance);
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha() with { Instance = instance, InstanceApiKey = token }, Cancel), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        await RecreateInstanceAsync(sandbox, instance);
        var sender = await ReadAsync(await client.PostAsync($"/api/senders/{id}/check", null, Cancel), HttpStatusCode.OK);

        Assert.Equal("unauthorized", sender.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(sender.GetProperty("stateReason").GetString()));
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task Patch_Settings_AreValidatedAndSaved()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var bad = await client.PatchAsJsonAsync($"/api/senders/{id}", new { jitterMinMs = 9000 }, Cancel);
        var good = await ReadAsync(await client.PatchAsJsonAsync($"/api/senders/{id}", new { dailyCapMax = 150, activatedOn = "2025-01-01", name = "Renamed" }, Cancel), HttpStatusCode.OK);

        Assert.Equal("jitterMinMs", (await Problem.ReadAsync(bad, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal(("Renamed", 150, 150), (good.GetProperty("name").GetString(), good.GetProperty("dailyCapMin").GetInt32(), good.GetProperty("dailyCapMax").GetInt32()));
        Assert.Equal(150, good.GetProperty("capToday").GetInt32()); // an old number: no warm-up, the one possible cap
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task Patch_MergePatch_AbsentKeepsAndNullRestoresTheDefault()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ReadAsync(await client.PatchAsJsonAsync($"/api/senders/{id}", new { dailyCapMin = 50, dailyCapMax = 80, jitterMaxMs = 9000, activatedOn = "2025-01-01" }, Cancel), HttpStatusCode.OK);

        using var patch = new StringContent("""{ "dailyCapMax": null, "jitterMaxMs": null, "name": "Renamed" }""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        var patched = await ReadAsync(await client.PatchAsync($"/api/senders/{id}", patch, Cancel), HttpStatusCode.OK);
        using var clearName = await client.PatchAsJsonAsync($"/api/senders/{id}", new { name = (string?)null }, Cancel);

        Assert.Equal(("Renamed", 50, 300), (patched.GetProperty("name").GetString(), patched.GetProperty("dailyCapMin").GetInt32(), patched.GetProperty("dailyCapMax").GetInt32()));
        Assert.Equal((1000, 5000), (patched.GetProperty("jitterMinMs").GetInt32(), patched.GetProperty("jitterMaxMs").GetInt32()));
        Assert.Equal("2025-01-01", patched.GetProperty("activatedOn").GetString()); // absent: kept
        Assert.Equal("name", (await Problem.ReadAsync(clearName, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task Typing_RegisteredOnThenPatched_IsStoredAndShownAbsentKeepsNullTurnsOff()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var registered = await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha() with { Typing = true }, Cancel), HttpStatusCode.Created);
        var id = registered.GetProperty("id").GetGuid();

        var renamed = await ReadAsync(await client.PatchAsJsonAsync($"/api/senders/{id}", new { name = "Renamed" }, Cancel), HttpStatusCode.OK);
        await using (var stored = fixture.DataSource.CreateCommand("select typing from campaigns.senders where id = $1"))
        {
            stored.Parameters.Add(new NpgsqlParameter { Value = id });
            Assert.Equal(true, await stored.ExecuteScalarAsync(Cancel));
        }

        using var off = new StringContent("""{ "typing": null }""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        var turnedOff = await ReadAsync(await client.PatchAsync($"/api/senders/{id}", off, Cancel), HttpStatusCode.OK);
        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/senders/{id}", Cancel);

        Assert.True(registered.GetProperty("typing").GetBoolean());
        Assert.True(renamed.GetProperty("typing").GetBoolean()); // absent: kept
        Assert.False(turnedOff.GetProperty("typing").GetBoolean()); // null: the default, off
        Assert.False(listed.GetProperty("typing").GetBoolean());
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task AnotherTenantsSender_AnswersExactlyAsAMissingOne()
    {
        using var owner = await fixture.CreateTenantClientAsync();
        using var intruder = await fixture.CreateTenantClientAsync();
        var id = (await ReadAsync(await owner.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        foreach (var target in new[] { id, Guid.NewGuid() })
        {
            using var get = await intruder.GetAsync($"/api/senders/{target}", Cancel);
            using var check = await intruder.PostAsync($"/api/senders/{target}/check", null, Cancel);
            using var delete = await intruder.DeleteAsync($"/api/senders/{target}", Cancel);
            await Problem.ReadAsync(get, HttpStatusCode.NotFound);
            await Problem.ReadAsync(check, HttpStatusCode.NotFound);
            await Problem.ReadAsync(delete, HttpStatusCode.NotFound);
        }

        await DeleteAsync(owner, id);
    }

    [Fact]
    public async Task Register_SameInstanceAsLocalhostInAnotherTenant_Answers409WithoutNamingTheOwnerOrTakingItsWebhook()
    {
        using var owner = await fixture.CreateTenantClientAsync();
        using var other = await fixture.CreateTenantClientAsync();
        var id = (await ReadAsync(await owner.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var localhost = new UriBuilder(fixture.Sandbox) { Host = "localhost" }.Uri.AbsoluteUri;

        using var again = await other.PostAsJsonAsync("/api/senders", Alpha() with { GatewayUrl = localhost }, Cancel);

        var problem = await Problem.ReadAsync(again, HttpStatusCode.Conflict);
        Assert.Equal(("sender.instance_in_use", "instance"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.DoesNotContain(id.ToString(), problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        using var sandbox = fixture.CreateSandboxClient();
        var webhook = await sandbox.GetFromJsonAsync<JsonElement>("/webhook/find/alpha", Cancel);
        Assert.Contains($"/webhooks/evolution/{id:N}/", webhook.GetProperty("url").GetString(), StringComparison.Ordinal);
        await AssertNoSendersAsync(other);
        await DeleteAsync(owner, id);
    }

    [Fact]
    public async Task Register_NumberAlreadyAnotherTenantsSender_Answers409()
    {
        using var owner = await fixture.CreateTenantClientAsync();
        using var other = await fixture.CreateTenantClientAsync();
        var id = (await ReadAsync(await owner.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var sandbox = fixture.CreateSandboxClient();
        var instance = "twin-" + Guid.NewGuid().ToString("N")[..8];
        var token = await SenderFixture.CreateInstanceAsync(sandbox, instance, number: "254700000001"); // alpha's number, on a second instance

        using var twin = await other.PostAsJsonAsync("/api/senders", Alpha() with { Instance = instance, InstanceApiKey = token }, Cancel);

        Assert.Equal("sender.number_in_use", (await Problem.ReadAsync(twin, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        await AssertNoSendersAsync(other);
        await DeleteAsync(owner, id);
    }

    [Fact]
    public async Task Check_LinkedAfterRegistrationToANumberAnotherSenderHolds_OpensWithoutTheNumberAndSaysWhy()
    {
        using var owner = await fixture.CreateTenantClientAsync();
        using var other = await fixture.CreateTenantClientAsync();
        using var sandbox = fixture.CreateSandboxClient();
        var instance = "late-" + Guid.NewGuid().ToString("N")[..8];
        var token = await SenderFixture.CreateInstanceAsync(sandbox, instance, number: "254700000001", scan: false);
        var late = await ReadAsync(await other.PostAsJsonAsync("/api/senders", Alpha() with { Instance = instance, InstanceApiKey = token }, Cancel), HttpStatusCode.Created);
        Assert.Equal("connecting", late.GetProperty("state").GetString());
        var ownerId = (await ReadAsync(await owner.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var scanned = await sandbox.PostAsync($"/sandbox/instances/{instance}/scan", null, Cancel);
        Assert.True(scanned.IsSuccessStatusCode);

        var lateId = late.GetProperty("id").GetGuid();
        var checkedLate = await ReadAsync(await other.PostAsync($"/api/senders/{lateId}/check", null, Cancel), HttpStatusCode.OK);

        Assert.Equal("open", checkedLate.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, checkedLate.GetProperty("phone").ValueKind);
        Assert.Contains("already linked to another sender", checkedLate.GetProperty("stateReason").GetString(), StringComparison.Ordinal);
        await DeleteAsync(other, lateId);
        await DeleteAsync(owner, ownerId);
    }

    [Fact]
    public async Task PauseThenResume_OpenSender_ShowsThePauseInTheListingUntilResumed()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var paused = await ReadAsync(await client.PostAsync($"/api/senders/{id}/pause", null, Cancel), HttpStatusCode.OK);
        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/senders", Cancel)).GetProperty("items")[0];
        var resumed = await ReadAsync(await client.PostAsync($"/api/senders/{id}/resume", null, Cancel), HttpStatusCode.OK);

        Assert.Equal("paused by its user", paused.GetProperty("paused").GetProperty("reason").GetString());
        Assert.Equal(paused.GetProperty("paused").GetRawText(), listed.GetProperty("paused").GetRawText());
        Assert.Equal(0, listed.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("paused").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, resumed.GetProperty("nextSendAt").ValueKind); // its number was woken for dispatch
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task Resume_ConnectionClosed_Answers409AndStaysPaused()
    {
        using var client = await fixture.CreateTenantClientAsync();
        using var sandbox = fixture.CreateSandboxClient();
        var instance = "shut-" + Guid.NewGuid().ToString("N")[..8];
        var token = await SenderFixture.CreateInstanceAsync(sandbox, instance, number: "254711" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha() with { Instance = instance, InstanceApiKey = token }, Cancel), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await ReadAsync(await client.PostAsync($"/api/senders/{id}/pause", null, Cancel), HttpStatusCode.OK);
        using (var closed = await sandbox.PostAsync($"/sandbox/instances/{instance}/close", null, Cancel))
        {
            Assert.True(closed.IsSuccessStatusCode);
        }

        using var resume = await client.PostAsync($"/api/senders/{id}/resume", null, Cancel);

        var problem = await Problem.ReadAsync(resume, HttpStatusCode.Conflict);
        Assert.Equal(("sender.not_open", "close"), (problem.GetProperty("code").GetString(), problem.GetProperty("state").GetString()));
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/senders/{id}", Cancel);
        Assert.Equal("paused by its user", stored.GetProperty("paused").GetProperty("reason").GetString());
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task RegisterGateway_WrongKey_NamesTheKey()
    {
        using var client = await fixture.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync("/api/gateways", new { name = "Main", url = fixture.Sandbox.AbsoluteUri, apiKey = "wrong" }, Cancel);

        Assert.Equal("apiKey", (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    private RegisterSender Alpha() => new("Sales line", fixture.Sandbox.AbsoluteUri, "alpha", SenderFixture.AlphaToken);

    private async Task<Guid> RegisterGatewayAsync(HttpClient client)
    {
        var gateway = await ReadAsync(
            await client.PostAsJsonAsync("/api/gateways", new { name = "Main", url = fixture.Sandbox.AbsoluteUri, apiKey = SenderFixture.GlobalKey }, Cancel),
            HttpStatusCode.Created);
        Assert.False(gateway.TryGetProperty("apiKey", out _));
        return gateway.GetProperty("id").GetGuid();
    }

    /// <summary>Deletes and creates an instance of the same name: it comes back open with a new token.</summary>
    private static async Task RecreateInstanceAsync(HttpClient sandbox, string instance)
    {
        using var deleted = await sandbox.DeleteAsync($"/instance/delete/{instance}", Cancel);
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync(Cancel));
        await SenderFixture.CreateInstanceAsync(sandbox, instance);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    private static async Task DeleteAsync(HttpClient client, Guid id)
    {
        using var response = await client.DeleteAsync($"/api/senders/{id}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task AssertNoSendersAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/senders", Cancel);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    private async Task<List<string>> InboxAsync(Guid sender)
    {
        await using var command = fixture.DataSource.CreateCommand("select event from campaigns.webhook_inbox where sender_id = $1 order by id");
        command.Parameters.Add(new NpgsqlParameter { Value = sender });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var events = new List<string>();
        while (await reader.ReadAsync(Cancel))
        {
            events.Add(reader.GetString(0));
        }

        return events;
    }

    private async Task<List<string>> WaitForInboxAsync(Guid sender, int minimum)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var events = await InboxAsync(sender);
            if (events.Count >= minimum)
            {
                return events;
            }

            await Task.Delay(50, Cancel);
        }

        return await InboxAsync(sender);
    }

    private sealed record RegisterSender(
        string Name, string GatewayUrl, string Instance, string InstanceApiKey,
        int? DailyCapMin = null, int? DailyCapMax = null, int? MinIntervalMs = null, string? TimeZone = null, bool? Typing = null);
}
