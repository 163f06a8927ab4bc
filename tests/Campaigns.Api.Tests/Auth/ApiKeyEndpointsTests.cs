using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Tests.Shared;

namespace Campaigns.Api.Tests.Auth;

public sealed class ApiKeyEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_Named_Answers201WithTheKeyOnceAndTheKeyIsAccepted()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync("/api/keys", new { name = "Shop backend" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/keys/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Shop backend", created.GetProperty("name").GetString());
        Assert.StartsWith(created.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);
        using var withNewKey = api.Factory.CreateClient();
        withNewKey.DefaultRequestHeaders.Add("apikey", key);
        using var listed = await withNewKey.GetAsync("/api/keys", Cancel);
        var body = await listed.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.DoesNotContain(key, body, StringComparison.Ordinal); // shown once: never in a listing
        var items = JsonDocument.Parse(body).RootElement.GetProperty("items");
        Assert.Equal(["Shop backend", "First key"], items.EnumerateArray().Select(k => k.GetProperty("name").GetString()));
        Assert.True(items[0].GetProperty("current").GetBoolean());
        Assert.False(items[1].GetProperty("current").GetBoolean());
    }

    [Theory]
    [InlineData("{}", "keys.name_required")]
    [InlineData("""{"name":"   "}""", "keys.name_required")]
    [InlineData("""{"name":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}""", "keys.name_too_long")]
    public async Task Create_WithoutAUsableName_Answers400NamingNameAndCreatesNothing(string json, string code)
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync("/api/keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("name", problem.GetProperty("field").GetString());
        Assert.Single((await ListAsync(client)).EnumerateArray());
    }

    [Fact]
    public async Task List_AfterARequest_ShowsTheUseOfTheKeyThatMadeItOnly()
    {
        using var client = await api.CreateTenantClientAsync();
        using var created = await client.PostAsJsonAsync("/api/keys", new { name = "Unused" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var keys = await ListAsync(client);

        var used = keys.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "First key");
        var unused = keys.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "Unused");
        var lastUsed = used.GetProperty("lastUsedAt").GetDateTimeOffset();
        Assert.InRange(lastUsed, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(JsonValueKind.Null, unused.GetProperty("lastUsedAt").ValueKind);
    }

    [Fact]
    public async Task Api_HundredRequestsWithOneKey_RecordItsUseWithOneStatement()
    {
        using var client = await api.CreateTenantClientAsync();
        await using var counter = await ApiKeyUpdateCounter.InstallAsync(api.DataSource, Cancel);

        for (var i = 0; i < 100; i++)
        {
            using var response = await client.GetAsync("/api/tenant", Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, await counter.CountAsync(Cancel));
    }

    [Fact]
    public async Task Revoke_OneOfTwoKeys_AnswersItRevokedAndTheKeyIsRefusedAtOnce()
    {
        using var client = await api.CreateTenantClientAsync();
        var (second, secondKey) = await CreateKeyAsync(client, "Second");
        using var withSecond = api.Factory.CreateClient();
        withSecond.DefaultRequestHeaders.Add("apikey", secondKey);
        using var before = await withSecond.GetAsync("/api/tenant", Cancel);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var revoked = await client.DeleteAsync($"/api/keys/{second}", Cancel);
        using var after = await withSecond.GetAsync("/api/tenant", Cancel);
        using var again = await client.DeleteAsync($"/api/keys/{second}", Cancel);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var revokedAt = (await revoked.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("revokedAt").GetDateTimeOffset();
        var problem = await Problem.ReadAsync(after, HttpStatusCode.Unauthorized);
        Assert.Equal("auth.invalid_key", problem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // idempotent: revoked once, answered as it is
        Assert.Equal(revokedAt, (await again.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("revokedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Revoke_TheKeyOfTheRequestWhileAnotherIsActive_IsAllowedAndThenRefused()
    {
        using var client = await api.CreateTenantClientAsync();
        await CreateKeyAsync(client, "Second");
        var current = (await ListAsync(client)).EnumerateArray().Single(k => k.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();

        using var revoked = await client.DeleteAsync($"/api/keys/{current}", Cancel);
        using var after = await client.GetAsync("/api/keys", Cancel);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await Problem.ReadAsync(after, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoke_TheLastActiveKey_Answers409AndTheKeyStillWorks()
    {
        using var client = await api.CreateTenantClientAsync();
        var (second, _) = await CreateKeyAsync(client, "Second");
        using var first = await client.DeleteAsync($"/api/keys/{second}", Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var current = (await ListAsync(client)).EnumerateArray().Single(k => k.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();

        using var response = await client.DeleteAsync($"/api/keys/{current}", Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("keys.last_active_key", problem.GetProperty("code").GetString());
        using var still = await client.GetAsync("/api/tenant", Cancel);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task RevokeAndGet_AnotherTenantsKey_Answer404AndTheKeyStaysActive()
    {
        using var client = await api.CreateTenantClientAsync();
        using var other = await api.CreateTenantClientAsync("other");
        var (otherKeyId, otherKey) = await CreateKeyAsync(other, "Theirs");

        using var revoke = await client.DeleteAsync($"/api/keys/{otherKeyId}", Cancel);
        using var get = await client.GetAsync($"/api/keys/{otherKeyId}", Cancel);

        await Problem.ReadAsync(revoke, HttpStatusCode.NotFound);
        await Problem.ReadAsync(get, HttpStatusCode.NotFound);
        using var withTheirs = api.Factory.CreateClient();
        withTheirs.DefaultRequestHeaders.Add("apikey", otherKey);
        using var still = await withTheirs.GetAsync("/api/tenant", Cancel);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    private static async Task<(Guid Id, string Key)> CreateKeyAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsJsonAsync("/api/keys", new { name }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("key").GetString()!);
    }

    private static async Task<JsonElement> ListAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/keys", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("items");
    }
}
