using System.Security.Claims;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Engine.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Api.Tenants;

internal static class TenantEndpoints
{
    public static RouteHandlerBuilder MapTenant(this IEndpointRouteBuilder api) =>
        api.MapGet("/tenant", Get).WithTags("Tenant").WithName("GetTenant")
            .WithSummary("The tenant the API key belongs to (the web page signs in with it)")
            .ProducesProblems(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> Get(
        ClaimsPrincipal user, TenantStore tenants, CancellationToken cancellationToken)
    {
        var tenant = user.TenantId();
        return await tenants.FindNameAsync(tenant, cancellationToken) is { } name
            ? TypedResults.Ok(new TenantResponse(tenant.Value, name))
            : ErrorResults.NotFound("tenant");
    }
}
