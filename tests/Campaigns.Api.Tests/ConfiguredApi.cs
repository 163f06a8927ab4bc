using Campaigns.Engine.Tenants;
using Campaigns.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Api.Tests;

/// <summary>
/// The API on a database of its own with the settings a test gives (limits, timeouts), for the tests that need other
/// settings than <see cref="ApiFixture"/>'s. On Kestrel (a real port) when a test needs real sockets.
/// </summary>
internal sealed class ConfiguredApi : IAsyncDisposable
{
    private readonly TestDatabase _database = new();
    private WebApplicationFactory<Program>? _factory;

    private ConfiguredApi()
    {
    }

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public static async Task<ConfiguredApi> StartAsync(
        IReadOnlyDictionary<string, string?> settings, bool kestrel = false, Action<IServiceCollection>? services = null)
    {
        var api = new ConfiguredApi();
        await api._database.InitializeAsync();
        api._factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Campaigns", api._database.ConnectionString);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        });
        if (kestrel)
        {
            api._factory = api._factory.WithWebHostBuilder(builder => builder.UseSetting("urls", "http://127.0.0.1:0")); // not appsettings' port
            api._factory.UseKestrel(0);
            api._factory.StartServer();
        }

        return api;
    }

    /// <summary>The database, for arranging what the API cannot do.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>A client of a new tenant: its requests carry that tenant's API key.</summary>
    public async Task<HttpClient> CreateTenantClientAsync(string name = "tenant")
    {
        var (_, key) = await new TenantStore(_database.DataSource).CreateAsync(name, TestContext.Current.CancellationToken);
        return CreateClient(key);
    }

    /// <summary>Another client with the same key as <paramref name="client"/>: its own connections.</summary>
    public HttpClient CreateClient(HttpClient client) => CreateClient(client.DefaultRequestHeaders.GetValues("apikey").Single());

    private HttpClient CreateClient(string key)
    {
        // No redirect handler: it reads a request's whole body before sending it, which would defeat a held body.
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = Factory.ClientOptions.BaseAddress });
        client.DefaultRequestHeaders.Add("apikey", key);
        return client;
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
