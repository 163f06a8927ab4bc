using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Engine.BulkSends;

internal static class BulkSendServiceCollectionExtensions
{
    /// <summary>Bulk sends: the service the API calls and the starter of prepared ones; <see cref="BulkSendOptions"/> bound from <c>BulkSends</c>, checked at start.</summary>
    public static IServiceCollection AddBulkSends(this IServiceCollection services)
    {
        services.AddOptions<BulkSendOptions>()
            .BindConfiguration(BulkSendOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<BulkSendService>();
        services.AddSingleton<BulkStarter>();
        return services;
    }
}
