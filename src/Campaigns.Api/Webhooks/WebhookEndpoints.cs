using System.Text.Json;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Domain.Common;
using Campaigns.Domain.Senders;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Webhooks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Api.Webhooks;

internal static class WebhookEndpoints
{
    /// <summary>Webhook payloads are small JSON (media is not inlined: the webhook is set with base64 off).</summary>
    private const long MaxPayloadBytes = 1024 * 1024;

    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        // No API key: the gateway cannot send ours. The secret in the URL is the credential, one per sender.
        var group = app.MapGroup("/webhooks").WithTags("Webhooks").AllowAnonymous();
        group.MapPost("/evolution/{senderId:guid}/{secret}", Receive).WithName("ReceiveEvolutionWebhook")
            .WithSummary("Evolution API webhooks of one sender (its secret URL); stored at once, applied later")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status413PayloadTooLarge)
            .AddOpenApiOperationTransformer(WebhookDocument.DescribeAsync);
        return group;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> Receive(
        Guid senderId, string secret, HttpRequest request, SenderStore senders, WebhookInbox inbox, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxPayloadBytes;
        }

        var sender = new SenderId(senderId);
        var secretHash = WebhookSecret.Hash(secret);
        var body = await ReadEventAsync(request, cancellationToken);
        if (!body.IsSuccess)
        {
            // The rare path: a stranger learns nothing but 401; the sender's own gateway learns what is wrong.
            return await senders.FindByWebhookSecretAsync(sender, secretHash, cancellationToken) is null
                ? Unauthorized()
                : ErrorResults.ToProblem(body.Error);
        }

        return await inbox.AddAsync(sender, secretHash, body.Value.Event, body.Value.Payload, cancellationToken)
            ? TypedResults.Ok()
            : Unauthorized();
    }

    private static ProblemHttpResult Unauthorized() =>
        ErrorResults.ToProblem(new Error("webhook.unknown_url", "Unknown webhook URL.", Kind: ErrorKind.Unauthorized));

    private static async Task<Result<(string Event, string Payload)>> ReadEventAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException)
        {
            return new Error("webhook.not_json", "The body is not JSON.", "body");
        }

        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("event", out var name) && name.ValueKind == JsonValueKind.String
                ? (name.GetString()!, document.RootElement.GetRawText())
                : new Error("webhook.no_event", "The body is not an Evolution webhook: it has no \"event\".", "event");
        }
    }
}
