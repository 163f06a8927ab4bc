using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Campaigns.Engine.Webhooks;

internal static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// The inbox, its processor and retention (section <c>Webhooks</c>); the jobs recur (<see cref="Jobs.RecurringJobs"/>).
    /// Appliers are registered on their own as <see cref="IWebhookApplier"/> singletons.
    /// </summary>
    public static IServiceCollection AddWebhookProcessing(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<WebhookInbox>();
        services.AddSingleton<WebhookNudge>();
        services.AddSingleton<WebhookRows>();
        services.AddSingleton<WebhookProcessJob>();
        services.AddSingleton<WebhookRetentionJob>();
        return services;
    }
}
