using System.Security.Claims;
using Campaigns.Api.Auth;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Tenants;
using Campaigns.Domain.Senders;
using Campaigns.Engine.Direct;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Messages;

/// <summary>Direct sends: <c>POST /api/messages</c> and <c>GET /api/messages/{id}</c> (issue 12, part 1).</summary>
internal static class DirectSendEndpoints
{
    public static IEndpointRouteBuilder MapDirectSends(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/messages").WithTags("Messages").RequireScope(ApiScopes.Messages);
        group.MapPost("/", Send).WithName("SendMessage")
            .WithSummary("Send one message (text, or media with the text as caption) to one number through a sender's queue, under its pacing and daily cap; " +
                         "an Idempotency-Key header makes a repeat answer the same message; 429 also when the sender already has its most direct sends queued")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", Get).WithName("GetMessage")
            .WithSummary("A direct send (or an opt-out / re-subscribe confirmation): queued (with its place), sending, sent, delivered, read, or skipped / failed with the reason")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Accepted<DirectSendResponse>, Ok<DirectSendResponse>, ProblemHttpResult>> Send(
        SendMessageRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        DirectSendService direct,
        IOptions<CampaignsOptions> options,
        CancellationToken cancellationToken)
    {
        var region = string.IsNullOrWhiteSpace(request.DefaultRegion) ? options.Value.DefaultRegion : request.DefaultRegion.Trim();
        var result = await direct.SendAsync(
            user.TenantId(),
            new DirectSendRequest(
                request.SenderId is { } sender ? new SenderId(sender) : null, request.Number, request.Text, request.Media?.ToDraft(), region, idempotencyKey),
            cancellationToken);
        if (!result.IsSuccess)
        {
            var error = result.Error;
            return error.Code == DirectSendErrors.QueueFullCode
                ? TypedResults.Problem(
                    error.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    extensions: ErrorResults.Extensions(error.Code, error.Field, error.Message))
                : ErrorResults.ToProblem(error);
        }

        var answer = DirectSendResponse.From(result.Value.Message);
        return result.Value.Replayed ? TypedResults.Ok(answer) : TypedResults.Accepted($"/api/messages/{answer.Id}", answer);
    }

    private static async Task<Results<Ok<DirectMessageResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, DirectSendStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(user.TenantId(), id, cancellationToken) is { } message
            ? TypedResults.Ok(DirectMessageResponse.From(message))
            : ErrorResults.NotFound("message");
}
