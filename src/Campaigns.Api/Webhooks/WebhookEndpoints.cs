using System.Buffers;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Domain.Common;
using Campaigns.Domain.Senders;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Webhooks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Campaigns.Api.Webhooks;

internal static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        // No API key: the gateway cannot send ours. The secret in the URL is the credential, one per sender.
        var group = app.MapGroup("/webhooks").WithTags("Webhooks").AllowAnonymous();
        group.MapPost("/evolution/{senderId:guid}/{secret}", Receive).WithName("ReceiveEvolutionWebhook")
            .WithSummary("Evolution API webhooks of one sender (its secret URL); stored at once, applied later")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status413PayloadTooLarge)
            .AddOpenApiOperationTransformer(WebhookDocument.DescribeAsync);
        group.MapPost("/evolution/{senderId:guid}/{secret}/{event}", ReceiveByEvent).WithName("ReceiveEvolutionWebhookByEvent")
            .WithSummary("The same, as a gateway set to byEvents posts them: the last segment names the body's event (messages-update, …)")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status413PayloadTooLarge)
            .AddOpenApiOperationTransformer(WebhookDocument.DescribeAsync);
        return group;
    }

    private static Task<Results<Ok, ProblemHttpResult>> Receive(
        Guid senderId, string secret, HttpRequest request, [AsParameters] WebhookReception reception, CancellationToken cancellationToken) =>
        ReceiveAsync(new SenderId(senderId), secret, null, request, reception, cancellationToken);

    private static Task<Results<Ok, ProblemHttpResult>> ReceiveByEvent(
        Guid senderId, string secret, [FromRoute(Name = "event")] string eventSegment, HttpRequest request, [AsParameters] WebhookReception reception,
        CancellationToken cancellationToken) =>
        ReceiveAsync(new SenderId(senderId), secret, eventSegment, request, reception, cancellationToken);

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        SenderId sender, string secret, string? segment, HttpRequest request, WebhookReception reception, CancellationToken cancellationToken)
    {
        var secretHash = WebhookSecret.Hash(secret);
        var envelope = await ReadAsync(request, reception.Options.Value.MaxPayloadBytes, cancellationToken);
        if (envelope.IsSuccess && segment is not null && !string.Equals(segment, WebhookEnvelope.Segment(envelope.Value.Event), StringComparison.OrdinalIgnoreCase))
        {
            envelope = new Error(
                "webhook.event_mismatch",
                $"The URL names the event '{segment}' but the body's event is '{envelope.Value.Event}' (posted to '{WebhookEnvelope.Segment(envelope.Value.Event)}').",
                "event");
        }

        if (!envelope.IsSuccess || !envelope.Value.IsStored)
        {
            // The rare paths: a stranger learns nothing but 401; the sender's own gateway learns what is wrong, and an
            // event the product does not use is answered 2xx (else the gateway would retry it) and dropped.
            if (await reception.Senders.FindByWebhookSecretAsync(sender, secretHash, cancellationToken) is null)
            {
                return Unauthorized();
            }

            if (!envelope.IsSuccess)
            {
                return ErrorResults.ToProblem(envelope.Error);
            }

            reception.Metrics.Received(envelope.Value.Event, "not_stored");
            return TypedResults.Ok();
        }

        var outcome = await reception.Inbox.AddAsync(sender, secretHash, envelope.Value, cancellationToken);
        switch (outcome)
        {
            case InboxAddOutcome.UnknownUrl:
                return Unauthorized();
            case InboxAddOutcome.Stored:
                reception.Nudge.Poke();
                break;
        }

        reception.Metrics.Received(envelope.Value.Event, outcome.ToString().ToLowerInvariant());
        return TypedResults.Ok();
    }

    private static ProblemHttpResult Unauthorized() =>
        ErrorResults.ToProblem(new Error("webhook.unknown_url", "Unknown webhook URL.", Kind: ErrorKind.Unauthorized));

    /// <summary>Reads at most <paramref name="limit"/> bytes of body (a larger one is an error: 413) and parses them.</summary>
    private static async Task<Result<WebhookEnvelope>> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1; // the count below answers; Kestrel's limit only stops a sender that keeps going
        }

        using var body = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024); // the hot path: no buffer allocated per request
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return TooLarge(limit);
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return WebhookEnvelope.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
    }

    private static Error TooLarge(long limit) => new("webhook.too_large", $"The body is larger than {limit} bytes.", "body", ErrorKind.TooLarge);
}
