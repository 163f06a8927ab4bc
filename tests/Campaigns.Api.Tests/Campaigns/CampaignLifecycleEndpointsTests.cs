using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Api.Tests.Senders;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Campaigns;

/// <summary>Start, pause, resume and cancel through the API, with senders registered on the sandbox gateway.</summary>
public sealed class CampaignLifecycleEndpointsTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private static int _number = Random.Shared.Next(0, 1_000_000);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartPauseResumeCancel_ReadyCampaign_MovesThroughEveryStateAndCancelsWhatWasNotSent()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var sender = await OpenSenderAsync(client);
        var id = await ReadyAsync(client, [sender]);

        var started = await ReadAsync(await client.PostAsync($"/api/campaigns/{id}/start", null, Cancel), HttpStatusCode.OK);
        var queued = await AssignedAsync(client, id);
        var paused = await ReadAsync(await client.PostAsync($"/api/campaigns/{id}/pause", null, Cancel), HttpStatusCode.OK);
        using var pausedAgain = await client.PostAsync($"/api/campaigns/{id}/pause", null, Cancel);
        var resumed = await ReadAsync(await client.PostAsync($"/api/campaigns/{id}/resume", null, Cancel), HttpStatusCode.OK);
        var cancelled = await ReadAsync(await client.PostAsync($"/api/campaigns/{id}/cancel", null, Cancel), HttpStatusCode.OK);

        Assert.Equal("running", started.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, started.GetProperty("startedAt").ValueKind);
        Assert.Equal(3, queued.Count);
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        var problem = await Problem.ReadAsync(pausedAgain, HttpStatusCode.Conflict);
        Assert.Equal(("campaign.invalid_transition", "paused"), (problem.GetProperty("code").GetString(), problem.GetProperty("campaignStatus").GetString()));
        Assert.Equal("running", resumed.GetProperty("status").GetString());
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(3, (await MessagesAsync(client, id, "&status=cancelled")).Count);
        await DeleteSenderAsync(client, sender); // a cancelled campaign no longer holds its sender
    }

    [Fact]
    public async Task Start_StartAtAhead_IsScheduled()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var sender = await OpenSenderAsync(client);
        var id = await ReadyAsync(client, [sender], DateTimeOffset.UtcNow.AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        var started = await ReadAsync(await client.PostAsync($"/api/campaigns/{id}/start", null, Cancel), HttpStatusCode.OK);

        Assert.Equal("scheduled", started.GetProperty("status").GetString());
        Assert.Equal(3, (await MessagesAsync(client, id, "&status=pending")).Count);
        await ReadAsync(await client.PostAsync($"/api/campaigns/{id}/cancel", null, Cancel), HttpStatusCode.OK);
        await DeleteSenderAsync(client, sender);
    }

    [Fact]
    public async Task Start_OnlySenderNotLinkedYet_Answers409NamingItAndWhy()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var sender = await RegisterAsync(client, await CreateInstanceAsync(number: null, scan: false));
        var id = await ReadyAsync(client, [sender]);

        using var response = await client.PostAsync($"/api/campaigns/{id}/start", null, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("campaign.no_usable_senders", problem.GetProperty("code").GetString());
        Assert.Contains($"{sender}: its connection is connecting", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("ready", (await GetAsync(client, id)).GetProperty("status").GetString());
        await DeleteSenderAsync(client, sender);
    }

    [Fact]
    public async Task Start_MediaUrlOnAPrivateAddress_Answers409NamingMediaUrlAndStaysReady()
    {
        using var client = await fixture.CreateTenantClientAsync();
        // No sender needed: the url is checked before the senders.
        var id = await ReadyAsync(client, [], media: """{ "type": "image", "url": "http://127.0.0.1:9/promo.png", "caption": "{Hi|Hello|Hey} {{ first_name }}" }""");

        using var response = await client.PostAsync($"/api/campaigns/{id}/start", null, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(("media.preflight_failed", "media.url"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Contains("not a public address", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("ready", (await GetAsync(client, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Start_NoSender_Answers409()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var id = await ReadyAsync(client, []);

        using var response = await client.PostAsync($"/api/campaigns/{id}/start", null, Cancel);

        Assert.Equal("campaign.no_senders", (await Problem.ReadAsync(response, HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task DeleteSender_UsedByARunningCampaign_Answers409NamingTheCampaign()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var sender = await OpenSenderAsync(client);
        var id = await ReadyAsync(client, [sender]);
        await ReadAsync(await client.PostAsync($"/api/campaigns/{id}/start", null, Cancel), HttpStatusCode.OK);

        using var refused = await client.DeleteAsync($"/api/senders/{sender}", Cancel);

        var problem = await Problem.ReadAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("sender.in_use", problem.GetProperty("code").GetString());
        var user = problem.GetProperty("campaigns")[0];
        Assert.Equal((id, "running"), (user.GetProperty("id").GetGuid(), user.GetProperty("status").GetString()));
        await ReadAsync(await client.PostAsync($"/api/campaigns/{id}/cancel", null, Cancel), HttpStatusCode.OK);
        await DeleteSenderAsync(client, sender);
    }

    [Fact]
    public async Task Document_LifecycleOperations_DeclareTheirConflicts()
    {
        using var client = fixture.Factory.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);

        foreach (var action in new[] { "start", "pause", "resume", "cancel" })
        {
            var responses = document.GetProperty("paths").GetProperty($"/api/campaigns/{{id}}/{action}").GetProperty("post").GetProperty("responses");
            Assert.True(responses.TryGetProperty("409", out _), $"{action} does not declare 409");
            Assert.True(responses.TryGetProperty("404", out _), $"{action} does not declare 404");
        }
    }

    /// <summary>The campaign's messages once the assignment job (run by the host's Hangfire server) has given each a sender.</summary>
    private static async Task<List<JsonElement>> AssignedAsync(HttpClient client, Guid id)
    {
        for (var attempt = 0; attempt < 100 && (await MessagesAsync(client, id, "&status=pending")).Count > 0; attempt++)
        {
            await Task.Delay(100, Cancel);
        }

        return await MessagesAsync(client, id, "&status=queued");
    }

    /// <summary>A ready campaign of three recipients sending from <paramref name="senders"/>.</summary>
    private static async Task<Guid> ReadyAsync(HttpClient client, Guid[] senders, string? startAt = null, string? media = null)
    {
        var list = await ImportAsync(client, Csv(3));
        var body = Valid(list);
        if (media is not null)
        {
            body = body.With($$"""{ "template": null, "media": {{media}} }""");
        }

        body["senderIds"] = new System.Text.Json.Nodes.JsonArray(senders.Select(s => (System.Text.Json.Nodes.JsonNode)s.ToString()).ToArray());
        if (startAt is not null)
        {
            body["startAt"] = startAt;
        }

        var id = (await CreateAsync(client, body)).GetProperty("id").GetGuid();
        await ReadAsync(await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel), HttpStatusCode.Accepted);
        await WaitForAsync(client, id, "ready");
        return id;
    }

    /// <summary>A sender on a new, open sandbox instance linked to a number of its own.</summary>
    private async Task<Guid> OpenSenderAsync(HttpClient client) =>
        await RegisterAsync(client, await CreateInstanceAsync($"25479{Interlocked.Increment(ref _number) % 10_000_000:D7}", scan: true));

    private async Task<(string Name, string Token)> CreateInstanceAsync(string? number, bool scan)
    {
        using var sandbox = fixture.CreateSandboxClient();
        var name = "lc-" + Guid.NewGuid().ToString("N")[..10];
        return (name, await SenderFixture.CreateInstanceAsync(sandbox, name, number, scan));
    }

    private async Task<Guid> RegisterAsync(HttpClient client, (string Name, string Token) instance) =>
        (await ReadAsync(
            await client.PostAsJsonAsync(
                "/api/senders", new { name = "Line", gatewayUrl = fixture.Sandbox.AbsoluteUri, instance = instance.Name, instanceApiKey = instance.Token }, Cancel),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static async Task DeleteSenderAsync(HttpClient client, Guid id)
    {
        using var response = await client.DeleteAsync($"/api/senders/{id}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
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
}
