using System.Text.Json.Serialization;
using System.Text.Json;
using Campaigns.Api.Alerts;
using Campaigns.Api.Auth;
using Campaigns.Api.Campaigns;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.ContactLists;
using Campaigns.Api.Health;
using Campaigns.Api.Hosting;
using Campaigns.Api.Jobs;
using Campaigns.Api.Messages;
using Campaigns.Api.OptOut;
using Campaigns.Api.Reports;
using Campaigns.Api.Senders;
using Campaigns.Api.Suppressions;
using Campaigns.Api.Tenants;
using Campaigns.Api.Web;
using Campaigns.Api.Webhooks;
using Campaigns.Api;
using Campaigns.Engine.Database;
using Campaigns.Engine;
using Campaigns.Engine.Jobs;
using Hangfire;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

var connectionString = builder.Configuration.GetConnectionString("Campaigns")
    ?? throw new InvalidOperationException("Set the connection string 'ConnectionStrings:Campaigns' (environment: ConnectionStrings__Campaigns).");

builder.Services.AddOptions<CampaignsOptions>()
    .BindConfiguration(CampaignsOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
var roles = HostRolesSetting.Read(builder.Configuration);
builder.Services.AddCampaignsEngine(connectionString, builder.Configuration);
builder.Services.AddCampaignsHangfire(roles);
builder.Services.AddProblemDetails();
builder.Services.AddSingleton<PublicUrl>();
builder.Services.AddApiProblems();
builder.Services.AddApiLimits();
// Statuses and the like are written by name (draft, preparing, overLimit), in requests, answers and the OpenAPI document.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.AddApiAuthentication(); // the apikey header or a bearer token (Auth/ApiAuthenticationExtensions)
builder.Services.AddAuthorization();
builder.Services.AddApiScopes();
builder.Services.AddOperatorDashboard();
builder.Services.AddCampaignsMetrics();
builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres");
builder.Services.AddCampaignsOpenApi();

var app = builder.Build();

await DatabaseMigrator.MigrateAsync(connectionString, app.Logger, CancellationToken.None);

if (TenantCommand.Matches(args))
{
    return await TenantCommand.RunAsync(args, app.Services, CancellationToken.None);
}

if (roles.HasFlag(HostRoles.Worker))
{
    RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>());
}

app.UseExceptionHandler();
app.UseStatusCodePages();
if (roles.HasFlag(HostRoles.Api))
{
    app.UseWebPage(); // the marketers' page at /, served before authentication: it signs in through the API
}

app.UseAuthentication();
app.UseApiLimits();
app.UseAuthorization();

app.MapHealthChecks("/health");
app.MapPrometheusScrapingEndpoint(); // /metrics, for the scraper on the internal network: counts only, no tenant data
if (roles.HasFlag(HostRoles.Api))
{
    app.MapOperatorDashboard();
    app.MapOpenApi();
    app.MapScalarApiReference(); // the browsable reference at /scalar

    var api = app.MapGroup("/api").RequireAuthorization();
    api.MapTenant();
    api.MapContactLists();
    api.MapSuppressions();
    api.MapGateways();
    api.MapSenders();
    app.MapWebhooks();
    api.MapCampaigns();
    api.MapReports();
    api.MapOptOutSettings();
    api.MapAlerts();
    api.MapDirectSends();
    api.MapBulkSends();
    api.MapApiKeys();
    api.MapAuthTokens();
}

await app.RunAsync();
return 0;

/// <summary>The API host; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
