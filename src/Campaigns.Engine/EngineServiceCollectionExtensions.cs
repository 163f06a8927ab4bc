using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Suppressions;
using Campaigns.Engine.Templates;
using Campaigns.Engine.Tenants;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine;

internal static class EngineServiceCollectionExtensions
{
    /// <summary>The PostgreSQL data source (with NodaTime types), the stores and services built on it, templates and campaigns.</summary>
    public static IServiceCollection AddCampaignsEngine(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(_ => CreateDataSource(connectionString));
        services.AddSingleton<TenantStore>();
        services.AddSingleton<ContactImporter>();
        services.AddSingleton<ContactListStore>();
        services.AddSingleton<SuppressionStore>();
        services.AddCampaignTemplates();
        services.AddCampaigns();
        return services;
    }

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNodaTime();
        return builder.Build();
    }
}
