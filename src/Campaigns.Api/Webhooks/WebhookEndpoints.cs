using System.Text.Json;
using Campaigns.Api.Common;
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
            .WithSummary("Evolution API webhooks of one sender (its secret URL); stored at once, applied later");
        return group;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> Receive(
        Guid senderId, string secret, HttpRequest request, SenderStore senders, WebhookInbox inbox, CancellationToken cancellationToken)
    {
        var sender = await senders.FindByWebhookSecretAsync(new SenderId(senderId), WebhookSecret.Hash(secret), cancellationToken);
        if (sender is null)
        {
            return TypedResults.Problem("Unknown webhook URL.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxPayloadBytes;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException)
        {
            return ErrorResults.ToProblem(new Error("webhook.not_json", "The body is not JSON.", "body"));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("event", out var name) || name.ValueKind != JsonValueKind.String)
            {
                return ErrorResults.ToProblem(new Error("webhook.no_event", "The body is not an Evolution webhook: it has no \"event\".", "event"));
            }

            await inbox.AddAsync(sender.Id, name.GetString()!, document.RootElement.GetRawText(), cancellationToken);
        }

        return TypedResults.Ok();
    }
}
