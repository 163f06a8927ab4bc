using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The Evolution client (<see cref="IGatewayClient"/>), its options from section <c>Gateway</c> (validated at start)
    /// and its per-instance resilience pipelines. Uses the registered <see cref="TimeProvider"/>, else the system one.
    /// </summary>
    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => o.ConnectTimeout < o.RequestTimeout && o.ConnectTimeout < o.SendTimeout,
                "Gateway:ConnectTimeout must be shorter than RequestTimeout and SendTimeout.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayPipelines>();

        var httpClient = services.AddHttpClient<IGatewayClient, EvolutionGatewayClient>(client =>
            {
                // The resilience pipeline times every attempt; HttpClient's own 100 s default would cut long typing delays.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectTimeout = provider.GetRequiredService<IOptions<GatewayOptions>>().Value.ConnectTimeout,
                // A redirect would replay the apikey header to wherever it points, and replay sends.
                AllowAutoRedirect = false,
                // Consumers may hold the typed client for long; recycled connections still follow DNS changes.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseCookies = false,
            });

        // Retries are decided in one place (GatewayPipelines): a resilience handler added to every client by
        // ConfigureHttpClientDefaults (as Aspire's service defaults do) would multiply attempts and retry sends.
        // The API is marked experimental; it has been stable since 8.x and the guard is worth it.
#pragma warning disable EXTEXP0001
        httpClient.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return services;
    }
}
