using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Api.Tests.Dispatch;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Security;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Messages;

public sealed class DirectSendEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_Number_Answers202WithItsPlaceAndGetFollowsItHiddenFromCampaignsAndStats()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        var sender = await LinkedSenderAsync(api.DataSource, tenant);

        using var response = await SendAsync(client, new JsonObject { ["number"] = "0722 000 101", ["text"] = "Your order 101 has shipped" });

        var accepted = await EndToEnd.ReadAsync(response, HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetGuid();
        Assert.Equal($"/api/messages/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("queued", sender, "+254722000101", 1),
            (accepted.GetProperty("status").GetString(), accepted.GetProperty("senderId").GetGuid(), accepted.GetProperty("number").GetString(),
             accepted.GetProperty("queuePlace").GetInt32()));
        var message = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}", Cancel);
        Assert.Equal(("api", "queued", 1, "Your order 101 has shipped", "+254722000101"),
            (message.GetProperty("origin").GetString(), message.GetProperty("status").GetString(), message.GetProperty("queuePlace").GetInt32(),
             message.GetProperty("text").GetString(), message.GetProperty("number").GetString()));
        Assert.Equal(JsonValueKind.Null, message.GetProperty("sentAt").ValueKind);

        // Not a campaign: not listed, not in the statistics.
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/campaigns", Cancel)).GetProperty("items").EnumerateArray());
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/stats", Cancel);
        Assert.Equal(0, stats.GetProperty("byStatus").EnumerateObject().Sum(c => c.Value.GetInt32()));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/messages")]
    [InlineData("GET", "/report.csv")]
    [InlineData("GET", "/timeline")]
    [InlineData("POST", "/pause")]
    [InlineData("POST", "/cancel")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/retry")]
    public async Task CampaignEndpoints_DirectSendId_Answer404(string method, string path)
    {
        // The message id is its hidden campaign's id: the campaign endpoints (scope 'campaigns') must not read, pause,
        // cancel or delete a direct send (scope 'messages').
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        await LinkedSenderAsync(api.DataSource, tenant);
        var id = (await EndToEnd.ReadAsync(await SendAsync(client, new JsonObject { ["number"] = "+254722000109", ["text"] = "Hidden" }), HttpStatusCode.Accepted))
            .GetProperty("id").GetGuid();

        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/campaigns/{id}{path}");
        using var response = await client.SendAsync(request, Cancel);

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        var message = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}", Cancel);
        Assert.Equal("queued", message.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_AnotherTenantsMessage_Answers404()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        await LinkedSenderAsync(api.DataSource, tenant);
        var id = (await EndToEnd.ReadAsync(await SendAsync(client, new JsonObject { ["number"] = "+254722000102", ["text"] = "Hi" }), HttpStatusCode.Accepted))
            .GetProperty("id").GetGuid();
        using var other = await api.CreateTenantClientAsync();

        using var response = await other.GetAsync($"/api/messages/{id}", Cancel);

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Send_SuppressedNumber_Answers409AndStoresNothing()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        await LinkedSenderAsync(api.DataSource, tenant);
        using (var suppress = await client.PostAsync(
            "/api/suppressions", new StringContent("""["+254722000103"]""", System.Text.Encoding.UTF8, "application/json"), Cancel))
        {
            Assert.True(suppress.IsSuccessStatusCode);
        }

        using var response = await SendAsync(client, new JsonObject { ["number"] = "0722000103", ["text"] = "Hi" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(("direct.suppressed", "number"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/messages", Cancel)).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("""{ "number": "call me", "text": "Hi" }""", "number")]
    [InlineData("""{ "number": "+254722000104" }""", "text")]
    [InlineData("""{ "number": "0722000104", "text": "Hi", "defaultRegion": "ZZ" }""", "defaultRegion")]
    [InlineData("""{ "number": "+254722000104", "text": "Hi", "media": { "type": "sticker", "url": "https://files.example.com/a.png" } }""", "media.type")]
    public async Task Send_BadRequest_Answers400NamingTheField(string body, string field)
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        await LinkedSenderAsync(api.DataSource, tenant);

        using var response = await SendAsync(client, JsonNode.Parse(body)!.AsObject());

        Assert.Equal(field, (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Send_MediaWithText_TheTextIsTheCaption()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        await LinkedSenderAsync(api.DataSource, tenant);
        var media = new JsonObject { ["type"] = "image", ["url"] = "https://files.example.com/receipt.png", ["caption"] = "ignored" };

        var id = (await EndToEnd.ReadAsync(
            await SendAsync(client, new JsonObject { ["number"] = "+254722000105", ["text"] = "Your receipt", ["media"] = media }), HttpStatusCode.Accepted))
            .GetProperty("id").GetGuid();

        var message = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}", Cancel);
        Assert.Equal(("Your receipt", "image", "https://files.example.com/receipt.png"),
            (message.GetProperty("text").GetString(), message.GetProperty("media").GetProperty("type").GetString(),
             message.GetProperty("media").GetProperty("url").GetString()));
    }

    [Fact]
    public async Task Send_UnknownSender_Answers404()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        await LinkedSenderAsync(api.DataSource, tenant);

        using var response = await SendAsync(client, new JsonObject { ["senderId"] = Guid.NewGuid().ToString(), ["number"] = "+254722000106", ["text"] = "Hi" });

        Assert.Equal("senderId", (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Send_SameIdempotencyKey_Answers200WithTheSameMessageAndAnotherBody409()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        await LinkedSenderAsync(api.DataSource, tenant);
        var body = new JsonObject { ["number"] = "+254722000107", ["text"] = "Order 107 shipped" };

        var first = await EndToEnd.ReadAsync(await SendAsync(client, body, "order-107"), HttpStatusCode.Accepted);
        var again = await EndToEnd.ReadAsync(await SendAsync(client, body, "order-107"), HttpStatusCode.OK);
        using var changed = await SendAsync(client, new JsonObject { ["number"] = "+254722000107", ["text"] = "Order 108 shipped" }, "order-107");

        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal("Idempotency-Key", (await Problem.ReadAsync(changed, HttpStatusCode.Conflict)).GetProperty("field").GetString());
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/messages", Cancel)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Send_IdenticalTextToAnEleventhNumber_Answers409NamingText()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        await LinkedSenderAsync(api.DataSource, tenant);
        for (var i = 0; i < 10; i++)
        {
            await EndToEnd.ReadAsync(await SendAsync(client, new JsonObject { ["number"] = $"+2547220002{i:D2}", ["text"] = "Big sale today" }), HttpStatusCode.Accepted);
        }

        using var response = await SendAsync(client, new JsonObject { ["number"] = "+254722000210", ["text"] = "Big sale today" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(("direct.identical", "text"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Send_SendersQueueFull_Answers429()
    {
        await using var configured = await ConfiguredApi.StartAsync(new Dictionary<string, string?> { ["DirectSends:MaxQueuedPerSender"] = "1" });
        using var client = await configured.CreateTenantClientAsync();
        var tenant = (await client.GetFromJsonAsync<JsonElement>("/api/tenant", Cancel)).GetProperty("id").GetGuid();
        await using var dataSource = NpgsqlDataSource.Create(configured.ConnectionString);
        await LinkedSenderAsync(configured.Factory.Services, dataSource, new TenantId(tenant));
        await EndToEnd.ReadAsync(await SendAsync(client, new JsonObject { ["number"] = "+254722000301", ["text"] = "One" }), HttpStatusCode.Accepted);

        using var response = await SendAsync(client, new JsonObject { ["number"] = "+254722000302", ["text"] = "Two" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Equal(("direct.queue_full", "senderId"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    private Task<Guid> LinkedSenderAsync(NpgsqlDataSource dataSource, TenantId tenant) => LinkedSenderAsync(api.Factory.Services, dataSource, tenant);

    /// <summary>
    /// An open sender of the tenant with a linked number and a key the host can read, on a gateway that refuses
    /// connections: the pre-check only backs off (a key it cannot read would pause the sender), and nothing is sent.
    /// </summary>
    private static async Task<Guid> LinkedSenderAsync(IServiceProvider services, NpgsqlDataSource dataSource, TenantId tenant)
    {
        var sender = await AddSenderAsync(dataSource, tenant);
        await using var link = dataSource.CreateCommand(
            """
            update campaigns.senders set phone = '+2547' || lpad((random() * 1e8)::bigint::text, 8, '0'), gateway_url = 'http://127.0.0.1:9/',
                   instance_key_protected = $2
             where id = $1
            """);
        link.Parameters.Add(new() { Value = sender });
        link.Parameters.Add(new() { Value = services.GetRequiredService<SecretProtector>().Protect("KEY") });
        await link.ExecuteNonQueryAsync(Cancel);
        return sender;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, JsonObject body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, Cancel);
    }
}
