using System.Security.Claims;
using Campaigns.Api.Auth;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Tenants;
using Campaigns.Domain.Common;
using Campaigns.Engine.Alerts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Api.Alerts;

internal static class AlertEndpoints
{
    public static RouteGroupBuilder MapAlerts(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/alerts").WithTags("Alerts").RequireScope(ApiScopes.Settings);
        group.MapPut("/", Set).WithName("SetAlertUrl")
            .WithSummary("Set the https URL that receives signed events (sender paused, restricted or disconnected; campaign completed or stalled); answers its new signing secret, once")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        group.MapGet("/", Get).WithName("GetAlertUrl").WithSummary("The alert URL, its last delivery and since when it fails")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapDelete("/", Delete).WithName("DeleteAlertUrl").WithSummary("Stop alerts: removes the URL and the events waiting for it")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/test", Test).WithName("TestAlertUrl").WithSummary("Queue a signed ping event for the alert URL")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Ok<AlertSecretResponse>, ProblemHttpResult>> Set(
        SetAlertRequest request, ClaimsPrincipal user, AlertService alerts, CancellationToken cancellationToken)
    {
        var result = await alerts.SetAsync(user.TenantId(), request.Url, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new AlertSecretResponse(result.Value.Url.AbsoluteUri, result.Value.Secret))
            : ErrorResults.ToProblem(result.Error);
    }

    private static async Task<Results<Ok<AlertResponse>, ProblemHttpResult>> Get(
        ClaimsPrincipal user, AlertStore alerts, CancellationToken cancellationToken)
    {
        if (await alerts.FindAsync(user.TenantId(), cancellationToken) is not { } alert)
        {
            return NoUrl();
        }

        var last = alert.LastDeliveryAt is { } at && alert.LastStatus is { } status
            ? new AlertDeliveryResponse(at.ToDateTimeOffset(), status)
            : null;
        return TypedResults.Ok(new AlertResponse(
            alert.Url.AbsoluteUri, alert.CreatedAt.ToDateTimeOffset(), last, alert.FailingSince?.ToDateTimeOffset(), alert.Queued, alert.Dropped));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        ClaimsPrincipal user, AlertStore alerts, CancellationToken cancellationToken) =>
        await alerts.DeleteAsync(user.TenantId(), cancellationToken) ? TypedResults.NoContent() : NoUrl();

    private static async Task<Results<Accepted<AlertTestResponse>, ProblemHttpResult>> Test(
        ClaimsPrincipal user, AlertStore alerts, CancellationToken cancellationToken) =>
        await alerts.PingAsync(user.TenantId(), cancellationToken) is { } id
            ? TypedResults.Accepted("/api/alerts", new AlertTestResponse(id))
            : NoUrl();

    private static ProblemHttpResult NoUrl() => ErrorResults.ToProblem(CommonErrors.NotFound("alert URL", "set for this tenant"));
}
