using Campaigns.Engine.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Engine.Replies;

internal static class ReplyServiceCollectionExtensions
{
    /// <summary>Replies and opt-outs: options section <c>OptOut</c> (checked at start), the tenants' settings and the <c>messages.upsert</c> applier.</summary>
    public static IServiceCollection AddReplies(this IServiceCollection services)
    {
        services.AddOptions<OptOutOptions>().BindConfiguration(OptOutOptions.SectionName)
            .Validate(o => o.Problem() is null, "The OptOut keywords are invalid: each needs a letter or digit, and no word may both opt out and re-subscribe.")
            .ValidateOnStart();
        services.AddSingleton<OptOutSettingsStore>();
        services.AddSingleton<OptOutSettingsService>();
        services.AddSingleton<IWebhookApplier, ReplyApplier>();
        return services;
    }
}
