using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Campaigns.Api.Auth;
using Campaigns.Api.Tests.ContactLists;
using Campaigns.Domain.Tenants;
using Campaigns.Tests.Shared;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Api.Tests.Auth;

public sealed partial class TokenEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int ThirtyDays = 30 * 24 * 3600;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Issue_WithoutBody_HoldsEveryScopeForThirtyDaysAndServesEveryScope()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;

        var issued = await BearerTokens.IssueAsync(client);

        Assert.Equal("Bearer", issued.GetProperty("tokenType").GetString());
        Assert.Equal(ThirtyDays, issued.GetProperty("expiresIn").GetInt32());
        Assert.Equal(ApiScopes.All, Strings(issued.GetProperty("scopes")));
        var token = BearerTokens.Token(issued);
        var header = BearerTokens.Part(token, 0);
        Assert.Equal(("HS256", TestSigningKeys.Default.Id), (header.GetProperty("alg").GetString(), header.GetProperty("kid").GetString()));
        var payload = BearerTokens.Part(token, 1);
        Assert.Equal(tenant.Value.ToString(), payload.GetProperty("tenant").GetString());
        Assert.Equal((await KeyIdAsync(tenant)).ToString(), payload.GetProperty("key").GetString());
        Assert.Equal(ApiScopes.All, Strings(payload.GetProperty("scope")));
        Assert.Equal(ThirtyDays, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal(("campaigns", "campaigns-api"), (payload.GetProperty("iss").GetString(), payload.GetProperty("aud").GetString()));
        Assert.True(Guid.TryParse(payload.GetProperty("jti").GetString(), out var _));
        using var bearer = BearerTokens.Client(api.Factory, token);
        foreach (var url in new[] { "/api/senders", "/api/gateways", "/api/contact-lists", "/api/suppressions", "/api/campaigns", "/api/messages", "/api/stats", "/api/settings/opt-out", "/api/tenant" })
        {
            using var response = await bearer.GetAsync(url, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Issue_NarrowedScopesAndShorterExpiry_TokenHoldsOnlyThose()
    {
        using var client = await api.CreateTenantClientAsync();

        var issued = await BearerTokens.IssueAsync(client, new { scopes = new[] { "reports", "senders", "senders" }, expiresIn = 3600, name = "Branch 7" });

        Assert.Equal(3600, issued.GetProperty("expiresIn").GetInt32());
        Assert.Equal(["senders", "reports"], Strings(issued.GetProperty("scopes")));
        var payload = BearerTokens.Part(BearerTokens.Token(issued), 1);
        Assert.Equal(["senders", "reports"], Strings(payload.GetProperty("scope")));
        Assert.Equal(3600, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal("Branch 7", payload.GetProperty("name").GetString());
        using var bearer = BearerTokens.Client(api.Factory, BearerTokens.Token(issued));
        using var stats = await bearer.GetAsync("/api/stats", Cancel);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        using var lists = await bearer.GetAsync("/api/contact-lists", Cancel);
        var problem = await Problem.ReadAsync(lists, HttpStatusCode.Forbidden);
        Assert.Equal(("auth.scope", "contacts"), (problem.GetProperty("code").GetString(), problem.GetProperty("scope").GetString()));
    }

    [Theory]
    [InlineData(ThirtyDays + 1, "auth.expiry_too_long")]
    [InlineData(0, "auth.invalid_expiry")]
    public async Task Issue_ExpiresInOutOfRange_Answers400NamingExpiresIn(int expiresIn, string code)
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { expiresIn }, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal((code, "expiresIn"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Issue_HugeScopesList_Answers400WithASmallProblem()
    {
        using var client = await api.CreateTenantClientAsync();
        var scopes = Enumerable.Range(0, 20_000).Select(i => $"scope-{i}").ToArray();

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { scopes }, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("auth.too_many_scopes", "scopes"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.True(problem.GetRawText().Length < 2_000, $"The problem has {problem.GetRawText().Length} characters: one per unknown scope?");
    }

    [Fact]
    public async Task Issue_UnknownOrNoScope_Answers400NamingScopes()
    {
        using var client = await api.CreateTenantClientAsync();

        using var unknown = await client.PostAsJsonAsync("/api/auth/token", new { scopes = new[] { "senders", "admin" } }, Cancel);
        using var none = await client.PostAsJsonAsync("/api/auth/token", new { scopes = Array.Empty<string>() }, Cancel);
        using var both = await client.PostAsJsonAsync("/api/auth/token", new { scopes = new[] { "Senders" }, expiresIn = -5 }, Cancel);

        var problem = await Problem.ReadAsync(unknown, HttpStatusCode.BadRequest);
        Assert.Equal(("auth.unknown_scope", "scopes"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Contains("'admin'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        problem = await Problem.ReadAsync(none, HttpStatusCode.BadRequest);
        Assert.Equal(("auth.no_scopes", "scopes"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        problem = await Problem.ReadAsync(both, HttpStatusCode.BadRequest);
        Assert.Equal(["expiresIn", "scopes"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Issue_WithABearerToken_Answers403ApiKeyRequired()
    {
        using var client = await api.CreateTenantClientAsync();
        using var bearer = BearerTokens.Client(api.Factory, BearerTokens.Token(await BearerTokens.IssueAsync(client)));

        using var response = await bearer.PostAsJsonAsync("/api/auth/token", new { scopes = new[] { "senders" } }, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("auth.api_key_required", problem.GetProperty("code").GetString());
    }

    /// <summary>Every endpoint kept for the API key (making tokens, managing keys) refuses even a token holding every scope.</summary>
    [Fact]
    public async Task ApiKeyOnlyEndpoints_WithATokenOfEveryScope_Answer403ApiKeyRequired()
    {
        using var client = await api.CreateTenantClientAsync();
        using var bearer = BearerTokens.Client(api.Factory, BearerTokens.Token(await BearerTokens.IssueAsync(client)));

        var endpoints = ApiEndpoints().Where(e => e.Policies.Contains(ApiScopes.ApiKeyOnlyPolicy)).ToArray();

        Assert.Contains(endpoints, e => e.Url == "/api/auth/token");
        foreach (var (method, url, _) in endpoints)
        {
            using var response = await bearer.SendAsync(Request(method, url), Cancel);
            var problem = await Problem.ReadAsync(response, HttpStatusCode.Forbidden);
            Assert.Equal("auth.api_key_required", problem.GetProperty("code").GetString());
        }
    }

    /// <summary>No /api endpoint is open to every token by oversight: each names its scope, or is kept for the API key.</summary>
    [Fact]
    public void EveryApiEndpoint_RequiresAScopeOrTheApiKey_ButTheTenant()
    {
        var unscoped = ApiEndpoints()
            .Where(e => !e.Policies.Contains(ApiScopes.ApiKeyOnlyPolicy) && !ApiScopes.All.Any(scope => e.Policies.Contains(ApiScopes.Policy(scope))))
            .Select(e => $"{e.Method} {e.Url}");

        Assert.Equal(["GET /api/tenant"], unscoped);
    }

    /// <summary>A token of one scope is refused, naming the scope, by every endpoint of another: senders only, as a reseller's branch.</summary>
    [Fact]
    public async Task SendersOnlyToken_EveryEndpointOfAnotherScope_Answers403NamingTheScope()
    {
        using var client = await api.CreateTenantClientAsync();
        using var bearer = BearerTokens.Client(api.Factory, BearerTokens.Token(await BearerTokens.IssueAsync(client, new { scopes = new[] { "senders" } })));
        var endpoints = ApiEndpoints()
            .Select(e => (e.Method, e.Url, Scope: ApiScopes.All.SingleOrDefault(scope => e.Policies.Contains(ApiScopes.Policy(scope)))))
            .Where(e => e.Scope is not null and not ApiScopes.Senders)
            .ToArray();

        Assert.Contains(endpoints, e => e is { Method: "POST", Url: "/api/campaigns" });
        Assert.Contains(endpoints, e => e is { Method: "POST", Url: "/api/contact-lists" });
        Assert.Contains(endpoints, e => e is { Method: "POST", Url: "/api/suppressions" });
        Assert.Contains(endpoints, e => e is { Method: "GET", Url: "/api/messages" });
        foreach (var (method, url, scope) in endpoints)
        {
            using var response = await bearer.SendAsync(Request(method, url), Cancel);
            var problem = await Problem.ReadAsync(response, HttpStatusCode.Forbidden);
            Assert.True(("auth.scope", scope) == (problem.GetProperty("code").GetString(), problem.GetProperty("scope").GetString()), $"{method} {url}: {problem}");
        }
    }

    [Fact]
    public async Task Bearer_ExpiredToken_Answers401TokenExpired()
    {
        using var client = await api.CreateTenantClientAsync();
        var token = BearerTokens.Token(await BearerTokens.IssueAsync(client, new { expiresIn = 3600 }));
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var later = api.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.TimeProvider = time)));
        using var bearer = BearerTokens.Client(later, token);

        time.Advance(TimeSpan.FromMinutes(59));
        using var young = await bearer.GetAsync("/api/senders", Cancel);
        time.Advance(TimeSpan.FromMinutes(2));
        using var old = await bearer.GetAsync("/api/senders", Cancel);

        Assert.Equal(HttpStatusCode.OK, young.StatusCode);
        var problem = await Problem.ReadAsync(old, HttpStatusCode.Unauthorized);
        Assert.Equal("auth.token_expired", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Bearer_KeyRevoked_Answers401KeyRevokedAtOnce()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        using var bearer = BearerTokens.Client(api.Factory, BearerTokens.Token(await BearerTokens.IssueAsync(client)));
        using var before = await bearer.GetAsync("/api/senders", Cancel);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await using (var revoke = api.DataSource.CreateCommand("update campaigns.api_keys set revoked_at = now() where tenant_id = $1"))
        {
            revoke.Parameters.Add(new() { Value = tenant.Value });
            Assert.Equal(1, await revoke.ExecuteNonQueryAsync(Cancel));
        }

        using var after = await bearer.GetAsync("/api/senders", Cancel);
        var problem = await Problem.ReadAsync(after, HttpStatusCode.Unauthorized);
        Assert.Equal("auth.key_revoked", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Bearer_TamperedToken_Answers401InvalidToken()
    {
        using var client = await api.CreateTenantClientAsync();
        var token = BearerTokens.Token(await BearerTokens.IssueAsync(client, new { scopes = new[] { "senders" } }));
        var payload = BearerTokens.Part(token, 1).GetRawText().Replace("[\"senders\"]", "[\"senders\",\"contacts\"]", StringComparison.Ordinal);
        Assert.Contains("contacts", payload, StringComparison.Ordinal);
        using var bearer = BearerTokens.Client(api.Factory, BearerTokens.WithPayload(token, payload));
        using var garbage = BearerTokens.Client(api.Factory, "not-a-token");

        using var tampered = await bearer.GetAsync("/api/contact-lists", Cancel);
        using var nonsense = await garbage.GetAsync("/api/contact-lists", Cancel);

        Assert.Equal("auth.invalid_token", (await Problem.ReadAsync(tampered, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
        Assert.Equal("auth.invalid_token", (await Problem.ReadAsync(nonsense, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Bearer_TenantsToken_NeverSeesAnotherTenantsData()
    {
        var (first, firstTenant) = await api.CreateTenantAsync("first");
        using var _ = first;
        using var second = await api.CreateTenantClientAsync("second");
        using var upload = await second.PostAsync("/api/contact-lists", Upload.Csv("phone\n+254711000001\n", fields: ("name", "second's list")), Cancel);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var secondList = (await upload.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
        using var suppress = await second.PostAsJsonAsync("/api/suppressions", new[] { "+254711000002" }, Cancel);
        Assert.True(suppress.IsSuccessStatusCode);
        using var bearer = BearerTokens.Client(api.Factory, BearerTokens.Token(await BearerTokens.IssueAsync(first)));

        var tenant = await bearer.GetFromJsonAsync<JsonElement>("/api/tenant", Cancel);
        var lists = await bearer.GetStringAsync("/api/contact-lists", Cancel);
        var suppressions = await bearer.GetStringAsync("/api/suppressions", Cancel);
        using var list = await bearer.GetAsync($"/api/contact-lists/{secondList}", Cancel);

        Assert.Equal((firstTenant.Value, "first"), (tenant.GetProperty("id").GetGuid(), tenant.GetProperty("name").GetString()));
        Assert.DoesNotContain(secondList.ToString(), lists, StringComparison.Ordinal);
        Assert.DoesNotContain("254711000002", suppressions, StringComparison.Ordinal);
        await Problem.ReadAsync(list, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bearer_RecordsItsKeysLastUse()
    {
        // The token is made by the host's issuer, not by a request with the key: a request with the key would record its
        // use, and the in-process throttle (one record a minute per key) would then rightly skip the bearer's.
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        var issued = api.Factory.Services.GetRequiredService<TokenIssuer>().Issue(tenant, await KeyIdAsync(tenant), null, null, null);
        using var bearer = BearerTokens.Client(api.Factory, issued.Value.Token);

        using var response = await bearer.GetAsync("/api/senders", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var read = api.DataSource.CreateCommand("select last_used_at is not null from campaigns.api_keys where tenant_id = $1");
        read.Parameters.Add(new() { Value = tenant.Value });
        Assert.Equal(true, await read.ExecuteScalarAsync(Cancel));
    }

    private async Task<Guid> KeyIdAsync(TenantId tenant)
    {
        await using var command = api.DataSource.CreateCommand("select id from campaigns.api_keys where tenant_id = $1");
        command.Parameters.Add(new() { Value = tenant.Value });
        return (Guid)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Every /api endpoint of the host: its method, a URL for it (a new GUID for each route parameter) and its policies.</summary>
    private IEnumerable<(string Method, string Url, HashSet<string?> Policies)> ApiEndpoints() =>
        api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (
                method,
                RouteParameter().Replace(e.RoutePattern.RawText!, _ => Guid.NewGuid().ToString()).TrimEnd('/'),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToHashSet())));

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = method is "GET" or "DELETE" ? null : JsonContent.Create(new { }),
    };

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
