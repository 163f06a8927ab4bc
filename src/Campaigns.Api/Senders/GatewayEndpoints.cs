using System.Security.Claims;
using Campaigns.Api.Auth;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Tenants;
using Campaigns.Domain.Senders;
using Campaigns.Engine.Senders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Api.Senders;

internal static class GatewayEndpoints
{
    public static RouteGroupBuilder MapGateways(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/gateways").WithTags("Gateways").RequireScope(ApiScopes.Senders);
        group.MapPost("/", Register).WithName("RegisterGateway")
            .WithSummary("Register an Evolution server with its global key, to create instances and repair stale instance keys")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict)
            .WithGatewayBudget(); // registration reads the gateway's instances
        group.MapGet("/", List).WithName("ListGateways").WithSummary("The tenant's gateways (keys are never returned)");
        group.MapGet("/{id:guid}", Get).WithName("GetGateway").WithSummary("One gateway")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteGateway").WithSummary("Forget a gateway and its key; its senders stay")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Created<GatewayResponse>, ProblemHttpResult>> Register(
        RegisterGatewayRequest request, ClaimsPrincipal user, GatewayRegistry registry, CancellationToken cancellationToken)
    {
        var result = await registry.RegisterAsync(user.TenantId(), request.Name, request.Url, request.ApiKey, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/gateways/{result.Value.Id}", GatewayResponse.From(result.Value))
            : ErrorResults.ToProblem(result.Error);
    }

    private static async Task<Ok<IReadOnlyList<GatewayResponse>>> List(ClaimsPrincipal user, GatewayStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<GatewayResponse>>((await store.ListAsync(user.TenantId(), cancellationToken)).Select(GatewayResponse.From).ToArray());

    private static async Task<Results<Ok<GatewayResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, GatewayStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(user.TenantId(), new GatewayId(id), cancellationToken) is { } gateway
            ? TypedResults.Ok(GatewayResponse.From(gateway))
            : ErrorResults.NotFound("gateway");

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, ClaimsPrincipal user, GatewayStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(user.TenantId(), new GatewayId(id), cancellationToken)
            ? TypedResults.NoContent()
            : ErrorResults.NotFound("gateway");
}
