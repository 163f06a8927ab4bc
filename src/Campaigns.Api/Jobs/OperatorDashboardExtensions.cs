using Campaigns.Api.Common;
using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Jobs;

internal static class OperatorDashboardExtensions
{
    /// <summary>
    /// The operators' scheme (HTTP Basic, <see cref="OperatorAuthenticationHandler"/>) next to the tenants' API keys, the
    /// dashboard's policy (an operator authenticated by that scheme, and only by it: a tenant's key is not enough), and
    /// <see cref="OperatorDashboardOptions"/> from <c>Hangfire:Dashboard</c>.
    /// </summary>
    public static IServiceCollection AddOperatorDashboard(this IServiceCollection services)
    {
        services.AddOptions<OperatorDashboardOptions>().BindConfiguration(OperatorDashboardOptions.SectionName);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, OperatorAuthenticationHandler>(OperatorAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(OperatorDashboardOptions.Policy, policy => policy
                .AddAuthenticationSchemes(OperatorAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        return services;
    }

    /// <summary>
    /// The Hangfire dashboard at <see cref="OperatorDashboardOptions.Path"/> behind the operators' policy, without
    /// Hangfire's default filter (which lets any loopback caller in and shuts authenticated remote operators out);
    /// nothing, with a warning, when no operator is configured.
    /// </summary>
    public static void MapOperatorDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<OperatorDashboardOptions>>().Value;
        if (!options.IsEnabled)
        {
            ApiLog.DashboardDisabled(app.Logger, OperatorDashboardOptions.SectionName);
            return;
        }

        app.MapHangfireDashboardWithAuthorizationPolicy(OperatorDashboardOptions.Policy, OperatorDashboardOptions.Path, new DashboardOptions
        {
            DashboardTitle = "Campaigns jobs",
            AppPath = null, // no "back to site" link: the API has no page to go back to
        });
    }
}
