using System.Security.Claims;
using System.Text.Json;
using Campaigns.Api.Auth;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Tenants;
using Campaigns.Domain.Common;
using Campaigns.Engine.BulkSends;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Messages;

/// <summary>Bulk sends: <c>POST /api/messages/bulk</c>, a campaign without a CSV (issue 12, part 2).</summary>
internal static class BulkSendEndpoints
{
    /// <summary>The header that makes a retried request answer the campaign the first one made.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapBulkSends(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/messages").WithTags("Messages").RequireScope(ApiScopes.Messages);
        group.MapPost("/bulk", Send).WithName("BulkSend")
            .WithSummary("Send one message to many recipients as a campaign: checked now (numbers, template, senders, the variation rule), then prepared and started; follow it at /api/campaigns/{campaignId}")
            .WithDescription(
                "The same Idempotency-Key answers 200 with the campaign the first request made (409 with another body). `text` is sent as written; " +
                "`template` reads the recipients' fields. Refused as a whole (nothing stored) when a campaign would be: " +
                "400 `campaign.invalid` (e.g. more than 10 recipients would get one identical text), 409 when no sender can send.")
            .Accepts<BulkSendRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge);
        return group;
    }

    private static async Task<Results<Accepted<BulkSendResponse>, Ok<BulkSendResponse>, ProblemHttpResult>> Send(
        HttpRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal user,
        BulkSendService bulkSends,
        IOptions<BulkSendOptions> options,
        IOptions<CampaignsOptions> campaignsOptions,
        CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (!body.IsSuccess)
        {
            return ErrorResults.ToProblem(body.Error);
        }

        var result = await bulkSends.SendAsync(
            user.TenantId(), body.Value.ToCommand(campaignsOptions.Value.DefaultRegion, idempotencyKey), cancellationToken);
        if (!result.IsSuccess)
        {
            return ErrorResults.ToProblem(result.Error);
        }

        var answer = BulkSendResponse.From(result.Value);
        return result.Value.Replayed
            ? TypedResults.Ok(answer)
            : TypedResults.Accepted($"/api/campaigns/{answer.CampaignId}", answer);
    }

    /// <summary>
    /// Reads the body within <paramref name="limit"/> bytes (a declared length over it is refused before reading; Kestrel
    /// stops a longer body), so that the bound answers 413 naming the body. Unreadable JSON is the framework's 400
    /// (<see cref="BadRequestExceptionHandler"/>, naming the JSON path).
    /// </summary>
    private static async Task<Result<BulkSendRequest>> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("The body must be JSON.", StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            return await request.ReadFromJsonAsync<BulkSendRequest>(cancellationToken)
                ?? throw new BadHttpRequestException("Implicit body inferred: a JSON body is required.");
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("The body cannot be read as a bulk send.", ex);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
    }

    private static Error TooLarge(long limit) => new(
        "bulk.too_large",
        $"The request is larger than the limit of {limit / (1024 * 1024.0):0.#} MB: send fewer recipients per request.",
        "body",
        ErrorKind.TooLarge);
}
