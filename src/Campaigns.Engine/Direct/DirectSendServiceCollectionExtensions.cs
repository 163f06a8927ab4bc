using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Engine.Direct;

internal static class DirectSendServiceCollectionExtensions
{
    /// <summary>Direct sends: <see cref="DirectSendOptions"/> bound from <c>DirectSends</c> (checked at start), the store and the service.</summary>
    public static IServiceCollection AddDirectSends(this IServiceCollection services)
    {
        services.AddOptions<DirectSendOptions>()
            .BindConfiguration(DirectSendOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DirectSendStore>();
        services.AddSingleton<DirectSendService>();
        return services;
    }
}
