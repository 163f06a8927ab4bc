using Campaigns.Domain.Pacing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Campaigns.Engine.Precheck;

internal static class PrecheckServiceCollectionExtensions
{
    /// <summary>The pre-check's parts (section <c>Precheck</c>); its job is recurring (<see cref="Jobs.RecurringJobs"/>).</summary>
    public static IServiceCollection AddPrecheck(this IServiceCollection services)
    {
        services.AddOptions<PrecheckOptions>().BindConfiguration(PrecheckOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IRandomSource>(SystemRandomSource.Instance);
        services.AddSingleton<PrecheckMetrics>();
        services.AddSingleton<PrecheckStore>();
        services.AddSingleton<PrecheckJob>();
        return services;
    }
}
