using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Campaigns.Engine.Campaigns;

internal static class CampaignServiceCollectionExtensions
{
    /// <summary>
    /// Campaigns: the store, validation, the service the API calls, the prepare job and its sweeper (Hangfire jobs: the
    /// host runs them);
    /// <see cref="PrepareOptions"/> bound from <c>Campaigns:Prepare</c> and <see cref="PreviewOptions"/> from
    /// <c>Campaigns:Preview</c>, checked at start.
    /// </summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddOptions<PrepareOptions>()
            .BindConfiguration(PrepareOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PreviewOptions>()
            .BindConfiguration(PreviewOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PreviewActivity>();
        services.AddSingleton<CampaignPreviewer>();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<CampaignProgressReader>();
        services.AddSingleton<CampaignEventStore>();
        services.AddSingleton<CampaignValidator>();
        services.AddSingleton<CampaignService>();
        services.AddSingleton<AssignRecipientsJob>();
        services.AddSingleton<StartDueCampaignsJob>();
        services.AddSingleton<PrepareJobs>();
        services.AddSingleton<PrepareCampaignJob>();
        services.AddSingleton<PrepareSweepJob>();
        return services;
    }
}
