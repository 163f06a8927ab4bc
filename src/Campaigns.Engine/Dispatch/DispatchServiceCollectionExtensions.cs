using Campaigns.Domain.Pacing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Campaigns.Engine.Dispatch;

internal static class DispatchServiceCollectionExtensions
{
    /// <summary>The dispatcher's parts (section <c>Dispatch</c>); the host decides what runs the loops.</summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services)
    {
        services.AddOptions<DispatchOptions>().BindConfiguration(DispatchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TypingOptions>().BindConfiguration(TypingOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.TypingMin <= o.TypingMax, "Pacing:TypingMax must not be under Pacing:TypingMin.").ValidateOnStart();
        services.TryAddSingleton<IRandomSource>(SystemRandomSource.Instance);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DispatchMetrics>();
        services.AddSingleton<DispatchClaimer>();
        services.AddSingleton<DispatchGateway>();
        services.AddSingleton<DispatchCompleter>();
        services.AddSingleton<DispatchSlots>();
        services.AddSingleton<DispatchLoop>();
        services.AddSingleton<DispatchLocalLoops>();
        services.AddSingleton<DispatchReconciler>();
        services.AddSingleton<DispatchFailoverJob>();
        services.AddSingleton<DispatchService>(); // hosted only by a host without a Hangfire server (AddHostedService)
        return services;
    }
}
