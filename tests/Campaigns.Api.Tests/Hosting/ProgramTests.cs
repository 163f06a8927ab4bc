using System.Net;
using Campaigns.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Api.Tests.Hosting;

/// <summary>How the API host starts: in Production only with its key ring encrypted, and on the address its host gives it.</summary>
public sealed class ProgramTests : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly TestDatabase _database = new();

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public void Configuration_OfTheHost_NamesNoUrls()
    {
        // appsettings.json named http://127.0.0.1:5080, which overrode a test host's free port (UseKestrel(0)):
        // with anything on 5080 the tests on Kestrel failed. The default address lives in launchSettings.json and scripts/run.
        using var factory = Factory("Development", []);

        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Null(configuration["Urls"]);
        Assert.Null(configuration["Kestrel:Endpoints"]);
    }

    [Fact]
    public async Task Start_ProductionWithoutKeyRingCertificate_RefusesNamingTheSetting()
    {
        using var factory = Factory("Production", []);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(factory.CreateClient, Cancel));

        Assert.Contains("DataProtection:CertificatePath", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithKeyRingCertificate_Serves()
    {
        using var certificate = TestCertificate.Create();
        using var factory = Factory("Production", certificate.Settings());
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/health", Cancel);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private WebApplicationFactory<Program> Factory(string environment, Dictionary<string, string?> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("ConnectionStrings:Campaigns", _database.ConnectionString);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
}
