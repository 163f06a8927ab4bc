using System.Security.Claims;
using Campaigns.Api.Auth;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Tenants;
using Campaigns.Engine.Replies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Api.OptOut;

internal static class OptOutSettingsEndpoints
{
    public static RouteGroupBuilder MapOptOutSettings(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/settings/opt-out").WithTags("Settings").RequireScope(ApiScopes.Settings);
        group.MapGet("/", Get).WithName("GetOptOutSettings")
            .WithSummary("The tenant's opt-out keywords (beside the defaults) and confirmation replies")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPut("/", Put).WithName("PutOptOutSettings")
            .WithSummary("Replace the tenant's opt-out keywords and confirmation replies; every problem is named with its field")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Ok<OptOutSettingsResponse>, ProblemHttpResult>> Get(
        ClaimsPrincipal user, OptOutSettingsService settings, CancellationToken cancellationToken)
    {
        var result = await settings.GetAsync(user.TenantId(), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(OptOutSettingsResponse.From(result.Value, settings.StopWords, settings.StartWords))
            : ErrorResults.ToProblem(result.Error);
    }

    private static async Task<Results<Ok<OptOutSettingsResponse>, ProblemHttpResult>> Put(
        OptOutSettingsRequest request, ClaimsPrincipal user, OptOutSettingsService settings, CancellationToken cancellationToken)
    {
        var result = await settings.SaveAsync(
            user.TenantId(), request.Keywords, request.Confirmation, request.ResubscribeConfirmation, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(OptOutSettingsResponse.From(result.Value, settings.StopWords, settings.StartWords))
            : ErrorResults.ToProblem(result.Error);
    }
}
