using System.Security.Claims;
using Campaigns.Api.Auth;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Reports;
using Campaigns.Api.Tenants;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Engine.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Api.Campaigns;

internal static class CampaignEndpoints
{
    public static RouteGroupBuilder MapCampaigns(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/campaigns").WithTags("Campaigns").RequireScope(ApiScopes.Campaigns);
        group.MapPost("/", Create).WithName("CreateCampaign")
            .WithSummary("Create a draft campaign; every problem of the request is reported at once")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        group.MapGet("/", List).WithName("ListCampaigns").WithSummary("The tenant's campaigns, newest first, optionally of one status")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", Get).WithName("GetCampaign").WithSummary("One campaign, with the progress of its prepare, its messages counted per status, its senders' budgets and its projected finish")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPatch("/{id:guid}", Update).WithName("UpdateCampaign")
            .WithSummary("Change a draft: only the fields given change, and the whole campaign is checked again")
            .WithDescription(MergePatch.Description)
            .Accepts<UpdateCampaignRequest>(MergePatch.ContentType, "application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteCampaign")
            .WithSummary("Delete a draft or ready campaign (nothing has been sent from either)")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/preview", Preview).WithName("PreviewCampaign")
            .WithSummary("Render a template for a list's first contacts, with the variation statistics of the whole list")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .RequireRateLimiting(ApiLimitsExtensions.Previews);
        group.MapPost("/{id:guid}/prepare", Prepare).WithName("PrepareCampaign")
            .WithSummary("Render and store every message of a draft in the background; poll the campaign until it is ready (or a draft again, with the reason)")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/draft", BackToDraft).WithName("CampaignBackToDraft")
            .WithSummary("Take a preparing or ready campaign back to draft to change it: a running prepare stops and stores nothing, prepared messages are deleted")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/start", Start).WithName("StartCampaign")
            .WithSummary("Start a ready campaign: running, or scheduled until its startAt; 409 when it has no sender that can send")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/pause", Pause).WithName("PauseCampaign")
            .WithSummary("Pause a running or scheduled campaign: nothing more of it is sent until it is resumed")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/resume", Resume).WithName("ResumeCampaign")
            .WithSummary("Resume a paused campaign: running, or scheduled while its startAt lies ahead")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelCampaign")
            .WithSummary("Cancel a campaign that has not ended: its messages not yet sent are cancelled")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/messages", Messages).WithName("ListCampaignMessages")
            .WithSummary("A campaign's messages, ordered by phone (keyset paging: 'after' is the opaque 'next' of the previous page), optionally of one status")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Created<CampaignResponse>, ProblemHttpResult>> Create(
        CreateCampaignRequest request, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken)
    {
        var result = await campaigns.CreateAsync(user.TenantId(), request.ToDraft(), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created(Location(result.Value.Id), CampaignResponse.From(result.Value))
            : ErrorResults.ToProblem(result.Error);
    }

    private static async Task<Results<Ok<Page<CampaignResponse>>, ProblemHttpResult>> List(
        ClaimsPrincipal user, CampaignService campaigns, string? status, int? limit, Guid? after, CancellationToken cancellationToken)
    {
        CampaignStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!StatusText.TryParse(status, out CampaignStatus parsed))
            {
                return ErrorResults.ToProblem(CampaignErrors.UnknownStatus(status));
            }

            filter = parsed;
        }

        var size = Paging.Limit(limit);
        var page = await campaigns.ListAsync(user.TenantId(), filter, size, after is { } id ? new CampaignId(id) : null, cancellationToken);
        var next = page.Count == size ? page[^1].Id.ToString() : null;
        return TypedResults.Ok(new Page<CampaignResponse>(page.Select(CampaignResponse.From).ToArray(), next));
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> Get(
        Guid id,
        ClaimsPrincipal user,
        CampaignService campaigns,
        CampaignProgressReader progress,
        CampaignEventStore events,
        CancellationToken cancellationToken)
    {
        var result = await campaigns.FindAsync(user.TenantId(), new CampaignId(id), cancellationToken);
        if (!result.IsSuccess)
        {
            return ErrorResults.ToProblem(result.Error);
        }

        var (latest, waiting) = await events.ReadAsync(result.Value.Id, cancellationToken);
        return TypedResults.Ok(CampaignResponse.From(result.Value).With(await progress.ReadAsync(result.Value, cancellationToken)).With(latest, waiting));
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> Update(
        Guid id, UpdateCampaignRequest request, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken) =>
        Answer(await campaigns.UpdateAsync(user.TenantId(), new CampaignId(id), request.ToPatch(), cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken)
    {
        var result = await campaigns.DeleteAsync(user.TenantId(), new CampaignId(id), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ErrorResults.ToProblem(result.Error);
    }

    private static async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> Preview(
        PreviewRequest request, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken)
    {
        var result = await campaigns.PreviewAsync(user.TenantId(), request.ToDraft(), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(PreviewResponse.From(result.Value)) : ErrorResults.ToProblem(result.Error);
    }

    private static async Task<Results<Accepted<CampaignResponse>, ProblemHttpResult>> Prepare(
        Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken)
    {
        var result = await campaigns.PrepareAsync(user.TenantId(), new CampaignId(id), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Accepted(Location(result.Value.Id), CampaignResponse.From(result.Value))
            : ErrorResults.ToProblem(result.Error);
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> BackToDraft(
        Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken) =>
        Answer(await campaigns.BackToDraftAsync(user.TenantId(), new CampaignId(id), cancellationToken));

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> Start(
        Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken) =>
        Answer(await campaigns.StartAsync(user.TenantId(), new CampaignId(id), cancellationToken));

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> Pause(
        Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken) =>
        Answer(await campaigns.PauseAsync(user.TenantId(), new CampaignId(id), cancellationToken));

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> Resume(
        Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken) =>
        Answer(await campaigns.ResumeAsync(user.TenantId(), new CampaignId(id), cancellationToken));

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> Cancel(
        Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken cancellationToken) =>
        Answer(await campaigns.CancelAsync(user.TenantId(), new CampaignId(id), cancellationToken));

    private static async Task<Results<Ok<Page<MessageResponse>>, ProblemHttpResult>> Messages(
        Guid id, ClaimsPrincipal user, CampaignService campaigns, string? status, int? limit, MessageCursor? after, CancellationToken cancellationToken)
    {
        var filter = MessageStatusQuery.Parse(status);
        if (!filter.IsSuccess)
        {
            return ErrorResults.ToProblem(filter.Error);
        }

        var campaign = new CampaignId(id);
        if (after is not null && !after.IsFor(MessageListing.Campaign, campaign))
        {
            return ErrorResults.ToProblem(ReportErrors.CursorOfAnotherListing());
        }

        var size = Paging.Limit(limit);
        var result = await campaigns.MessagesAsync(user.TenantId(), campaign, filter.Value, size, after?.Phone, cancellationToken);
        if (!result.IsSuccess)
        {
            return ErrorResults.ToProblem(result.Error);
        }

        var page = result.Value;
        var next = page.Length == size ? MessageCursor.ForCampaign(campaign, page[^1].Phone) : null;
        return TypedResults.Ok(new Page<MessageResponse>(page.Select(MessageResponse.From).ToArray(), next));
    }

    private static Results<Ok<CampaignResponse>, ProblemHttpResult> Answer(Result<Campaign> result) =>
        result.IsSuccess ? TypedResults.Ok(CampaignResponse.From(result.Value)) : ErrorResults.ToProblem(result.Error);

    private static string Location(CampaignId id) => $"/api/campaigns/{id}";
}
