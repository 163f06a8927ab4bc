using Campaigns.Engine.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Tests.Gateway;

/// <summary>
/// Builds the client the way the application does (<see cref="GatewayServiceCollectionExtensions.AddGateway"/>, options
/// from configuration), with short timeouts and delays so tests are fast. Each test gets its own pipelines and breakers.
/// </summary>
internal static class GatewayTestHost
{
    public static ServiceProvider Create(
        IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? timeProvider = null, ILoggerProvider? logs = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Gateway:RequestTimeout"] = "00:00:09",
            ["Gateway:SendTimeout"] = "00:00:05",
            ["Gateway:ConnectTimeout"] = "00:00:02",
            ["Gateway:RetryBaseDelay"] = "00:00:00.010",
            ["Gateway:MaxRetryAttempts"] = "3",
            // High enough that only the breaker tests, which lower it, ever open a circuit.
            ["Gateway:CircuitBreakerMinimumThroughput"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddGateway();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static IGatewayClient Client(this ServiceProvider provider) => provider.GetRequiredService<IGatewayClient>();
}
