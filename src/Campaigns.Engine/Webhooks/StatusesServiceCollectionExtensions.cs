using Campaigns.Engine.Receipts;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Engine.Webhooks;

internal static class StatusesServiceCollectionExtensions
{
    /// <summary>
    /// The appliers of message statuses and connection states (<see cref="IWebhookApplier"/>s the webhook processor
    /// calls) and the missing-receipt check (section <c>Receipts</c>; its job is recurring, <see cref="Jobs.RecurringJobs"/>).
    /// </summary>
    public static IServiceCollection AddWebhookStatuses(this IServiceCollection services)
    {
        services.AddOptions<ReceiptsOptions>().BindConfiguration(ReceiptsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StatusMetrics>();
        services.AddSingleton<IWebhookApplier, MessageStatusApplier>();
        services.AddSingleton<IWebhookApplier, ConnectionStateApplier>();
        services.AddSingleton<MissingReceiptsJob>();
        return services;
    }
}
