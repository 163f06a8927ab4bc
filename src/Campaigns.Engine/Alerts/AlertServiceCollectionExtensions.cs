using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Alerts;

internal static class AlertServiceCollectionExtensions
{
    /// <summary><see cref="AlertOptions"/> (section <c>Alerts</c>, checked at start), the store, and the delivery job with its own HttpClient.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.RetryBase <= o.RetryMax, "Alerts:RetryMax must not be under Alerts:RetryBase.").ValidateOnStart();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<AlertService>();
        services.AddHttpClient<AlertDeliveryJob>(client => client.Timeout = Timeout.InfiniteTimeSpan) // each delivery times itself
            .ConfigurePrimaryHttpMessageHandler(provider => AlertDeliveryJob.CreateHandler(provider.GetRequiredService<IOptions<AlertOptions>>().Value));
        return services;
    }
}
