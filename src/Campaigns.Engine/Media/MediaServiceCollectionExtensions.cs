using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Media;

internal static class MediaServiceCollectionExtensions
{
    /// <summary><see cref="MediaOptions"/> (section <c>Media</c>, checked at start) and the pre-flight's own HttpClient.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<MediaPreflight>(client => client.Timeout = Timeout.InfiniteTimeSpan) // the pre-flight times itself
            .ConfigurePrimaryHttpMessageHandler(provider => MediaPreflight.CreateHandler(provider.GetRequiredService<IOptions<MediaOptions>>().Value));
        return services;
    }
}
