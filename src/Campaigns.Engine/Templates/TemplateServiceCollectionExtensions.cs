using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Engine.Templates;

internal static class TemplateServiceCollectionExtensions
{
    /// <summary>The template compiler, with <see cref="TemplateOptions"/> bound from <c>Campaigns:Templates</c> and checked at start.</summary>
    public static IServiceCollection AddCampaignTemplates(this IServiceCollection services)
    {
        services.AddOptions<TemplateOptions>()
            .BindConfiguration(TemplateOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<TemplateCompiler>();
        return services;
    }
}
