using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Engine.Reports;

internal static class ReportServiceCollectionExtensions
{
    /// <summary>Reports: the message log, the campaign report, the statistics, a campaign's timeline, retrying the recipients not reached, test sends.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<MessageLog>();
        services.AddSingleton<CampaignReport>();
        services.AddSingleton<TenantStatsReader>();
        services.AddSingleton<CampaignTimelineReader>();
        services.AddSingleton<CampaignRetry>();
        services.AddSingleton<CampaignTests>();
        return services;
    }
}
