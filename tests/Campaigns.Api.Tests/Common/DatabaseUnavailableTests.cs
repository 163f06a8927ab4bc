using System.Net;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Api.Tests.Common;

public sealed class DatabaseUnavailableTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApiCall_DatabaseUnreachable_Answers503ProblemWithRetryAfter()
    {
        // Migrated at start-up on the real database, then served from a port where nothing listens: PostgreSQL went down.
        await using var api = await ConfiguredApi.StartAsync(new Dictionary<string, string?>(), services: services =>
        {
            services.AddSingleton(_ => global::Campaigns.Engine.EngineServiceCollectionExtensions.CreateDataSource(
                $"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Database=campaigns;Timeout=2"));
        });
        using var client = await api.CreateTenantClientAsync();

        using var list = await client.GetAsync("/api/contact-lists", Cancel);
        using var health = await client.GetAsync("/health", Cancel);

        var problem = await Problem.ReadAsync(list, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("database.unavailable", problem.GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(5), list.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }
}
