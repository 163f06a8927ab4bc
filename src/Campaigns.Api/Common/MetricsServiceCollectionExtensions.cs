using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Database;
using OpenTelemetry.Metrics;

namespace Campaigns.Api.Common;

internal static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry metrics of meter <c>Campaigns</c> (every instrument of the product, whoever adds it), exported in
    /// Prometheus text at <c>/metrics</c> (<c>MapPrometheusScrapingEndpoint</c>). The observable instruments'
    /// owners are created with the meter provider, so that their instruments show from the first scrape.
    /// </summary>
    public static IServiceCollection AddCampaignsMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PreviewActivity.MeterName)
            .AddInstrumentation(provider => provider.GetRequiredService<PreviewActivity>())
            .AddInstrumentation(provider => provider.GetRequiredService<HotTableStats>())
            .AddInstrumentation(provider => provider.GetRequiredService<Engine.Dispatch.DispatchMetrics>())
            .AddPrometheusExporter());
        return services;
    }
}
