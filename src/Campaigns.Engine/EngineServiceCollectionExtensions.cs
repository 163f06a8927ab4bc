using Campaigns.Engine.Alerts;
using Campaigns.Engine.BulkSends;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Database;
using Campaigns.Engine.Direct;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Jobs;
using Campaigns.Engine.Media;
using Campaigns.Engine.Precheck;
using Campaigns.Engine.Replies;
using Campaigns.Engine.Reports;
using Campaigns.Engine.Security;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Suppressions;
using Campaigns.Engine.Templates;
using Campaigns.Engine.Tenants;
using Campaigns.Engine.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine;

internal static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The PostgreSQL data source (with NodaTime types), Hangfire's storage (<see cref="JobStorageServiceCollectionExtensions.AddJobStorage"/>;
    /// clients and servers are the host's), the stores and services built on it, templates and campaigns; the
    /// Data Protection key ring as <paramref name="configuration"/>'s section <c>DataProtection</c> says.
    /// </summary>
    public static IServiceCollection AddCampaignsEngine(this IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(_ => CreateDataSource(connectionString));
        services.AddJobStorage(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OperatorCounters>();
        services.AddSingleton<HotTableStats>();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ContactImporter>();
        services.AddSingleton<ContactListStore>();
        services.AddSingleton<SuppressionStore>();
        services.AddSingleton<SuppressionService>();
        services.AddGateway();
        services.AddKeyRing(configuration);
        services.AddSingleton<SenderStore>();
        services.AddSingleton<SenderRestrictions>();
        services.AddSingleton<GatewayStore>();
        services.AddSingleton<SenderService>();
        services.AddSingleton<GatewayRegistry>();
        services.AddCampaignTemplates();
        services.AddMedia();
        services.AddCampaigns();
        services.AddBulkSends();
        services.AddDispatch();
        services.AddPrecheck();
        services.AddWebhookStatuses(); // MessageStatusApplier, ConnectionStateApplier, the missing-receipt check
        services.AddReports();
        services.AddDirectSends();
        services.AddReplies();
        services.AddWebhookProcessing();
        services.AddAlerts();
        return services;
    }

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNodaTime();
        return builder.Build();
    }
}
