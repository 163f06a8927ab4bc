using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Engine.Campaigns;

internal static class CampaignServiceCollectionExtensions
{
    /// <summary>
    /// Campaigns: the store, validation, the service the API calls, and the prepare job with its in-process worker;
    /// <see cref="PrepareOptions"/> bound from <c>Campaigns:Prepare</c> and checked at start.
    /// </summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddOptions<PrepareOptions>()
            .BindConfiguration(PrepareOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<CampaignValidator>();
        services.AddSingleton<CampaignService>();
        services.AddSingleton<PrepareQueue>();
        services.AddSingleton<PrepareCampaignJob>();
        services.AddHostedService<PrepareCampaignWorker>();
        return services;
    }
}
