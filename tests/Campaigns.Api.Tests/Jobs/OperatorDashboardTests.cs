using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Jobs;

/// <summary>The Hangfire dashboard: operators only (HTTP Basic), from anywhere, loopback included; the product's counters on its home page.</summary>
public sealed class OperatorDashboardTests
{
    private const string Operator = "ops";
    private const string Password = "correct horse battery staple";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_LoopbackCallerWithoutCredentials_Answers401WithABasicChallenge()
    {
        await using var api = await StartAsync(configured: true);
        using var client = Loopback(api);

        using var response = await client.GetAsync("/hangfire", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData(Operator, "wrong")]
    [InlineData("someone", Password)]
    public async Task Dashboard_WrongCredentials_Answers401(string name, string password)
    {
        await using var api = await StartAsync(configured: true);
        using var client = Loopback(api);
        client.DefaultRequestHeaders.Authorization = Basic(name, password);

        using var response = await client.GetAsync("/hangfire", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_TenantApiKey_Answers401()
    {
        await using var api = await StartAsync(configured: true);
        using var tenant = await api.CreateTenantClientAsync(); // a tenant is not an operator

        using var response = await tenant.GetAsync("/hangfire", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_OperatorCredentials_ShowsTheHomePageWithTheProductsCounters()
    {
        await using var api = await StartAsync(configured: true);
        using var tenant = await api.CreateTenantClientAsync();
        var campaign = (await CreateAsync(tenant, Valid(await ImportAsync(tenant, Csv(3))))).GetProperty("id").GetGuid();
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(api.ConnectionString))
        {
            await SetStatusAsync(dataSource, campaign, "running");
        }

        using var client = Loopback(api);
        client.DefaultRequestHeaders.Authorization = Basic(Operator, Password);

        using var response = await client.GetAsync("/hangfire", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Running campaigns", page, StringComparison.Ordinal);
        Assert.Contains("Sends today", page, StringComparison.Ordinal);
        Assert.Contains("Paused senders", page, StringComparison.Ordinal);
        Assert.Matches("data-metric=\"campaigns:running\"[^>]*>\\s*1\\s*<", page);
        Assert.Matches("data-metric=\"campaigns:sends-today\"[^>]*>\\s*0\\s*<", page);
    }

    [Fact]
    public async Task Dashboard_NoOperatorConfigured_IsNotServed()
    {
        await using var api = await StartAsync(configured: false);
        using var client = Loopback(api);

        using var response = await client.GetAsync("/hangfire", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Task<ConfiguredApi> StartAsync(bool configured) => ConfiguredApi.StartAsync(
        configured
            ? new Dictionary<string, string?> { ["Hangfire:Dashboard:Username"] = Operator, ["Hangfire:Dashboard:Password"] = Password }
            : new Dictionary<string, string?>(),
        kestrel: true); // a real socket: the caller is 127.0.0.1, which Hangfire's default filter would let in

    /// <summary>A client on the API's real port, from 127.0.0.1, with no credentials.</summary>
    private static HttpClient Loopback(ConfiguredApi api) => api.Factory.CreateClient();

    private static AuthenticationHeaderValue Basic(string name, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{password}")));
}
