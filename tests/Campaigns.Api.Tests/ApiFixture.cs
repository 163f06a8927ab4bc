using Campaigns.Domain.Tenants;
using Campaigns.Engine.Tenants;
using Campaigns.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Campaigns.Api.Tests;

/// <summary>A class fixture: the API on a database of the test class's own, with a small upload limit to test 413.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const long UploadLimit = 64 * 1024;

    private readonly TestDatabase _database = new();
    private WebApplicationFactory<Program>? _factory;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Campaigns", _database.ConnectionString);
            builder.UseSetting("Campaigns:MaxUploadBytes", UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in TestSigningKeys.Settings(TestSigningKeys.Default))
            {
                builder.UseSetting(key, value);
            }
        });
    }

    /// <summary>The test class's database, for arranging what the API cannot (yet) do.</summary>
    internal Npgsql.NpgsqlDataSource DataSource => _database.DataSource;

    /// <summary>A client of a new tenant: its requests carry that tenant's API key.</summary>
    public async Task<HttpClient> CreateTenantClientAsync(string name = "tenant") => (await CreateTenantAsync(name)).Client;

    /// <summary>A new tenant and a client whose requests carry its API key.</summary>
    internal async Task<(HttpClient Client, TenantId Tenant)> CreateTenantAsync(string name = "tenant")
    {
        var (tenant, key) = await new TenantStore(_database.DataSource).CreateAsync(name, TestContext.Current.CancellationToken);
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("apikey", key);
        return (client, tenant);
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
