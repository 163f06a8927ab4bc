using System.Text.Json.Nodes;
using Campaigns.Sandbox.Gateway;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Sandbox.Messages;

/// <summary>The <c>/message/*</c> send routes: 201 with the sent message, or Evolution's 400s.</summary>
internal static class MessageEndpoints
{
    public static RouteGroupBuilder MapMessages(this RouteGroupBuilder guarded)
    {
        var group = guarded.MapGroup("/message");
        group.MapPost("/sendText/{instance}", SendText).WithName("SendText")
            .WithSummary("Send a text; blocks for the (scaled) typing delay");
        group.MapPost("/sendMedia/{instance}", SendMedia).WithName("SendMedia")
            .WithSummary("Send an image, video, document or audio by URL or base64 (JSON bodies only)");
        group.MapPost("/sendWhatsAppAudio/{instance}", SendAudio).WithName("SendWhatsAppAudio").WithSummary("Send a voice note");
        return group;
    }

    private static Task<Results<Created<WaMessage>, JsonHttpResult<EvolutionError>>> SendText(
        HttpContext http, MessageSender sender, IHostApplicationLifetime lifetime) =>
        SendAsync(http, sender, SendRequests.Text, lifetime.ApplicationStopping);

    private static Task<Results<Created<WaMessage>, JsonHttpResult<EvolutionError>>> SendMedia(
        HttpContext http, MessageSender sender, IHostApplicationLifetime lifetime) =>
        SendAsync(http, sender, SendRequests.Media, lifetime.ApplicationStopping);

    private static Task<Results<Created<WaMessage>, JsonHttpResult<EvolutionError>>> SendAudio(
        HttpContext http, MessageSender sender, IHostApplicationLifetime lifetime) =>
        SendAsync(http, sender, SendRequests.Audio, lifetime.ApplicationStopping);

    /// <remarks>
    /// The send runs on the application's stopping token, not the request's: like Node, the gateway goes on with a
    /// send whose client has given up, so a client timeout shorter than the typing delay still sends the message.
    /// </remarks>
    private static async Task<Results<Created<WaMessage>, JsonHttpResult<EvolutionError>>> SendAsync(
        HttpContext http,
        MessageSender sender,
        Func<JsonNode?, (OutgoingMessage? Message, JsonHttpResult<EvolutionError>? Error)> parse,
        CancellationToken stopping)
    {
        var instance = InstanceGuardFilter.Instance(http);
        var body = await BodyRead.ReadAsync(http.Request, http.RequestAborted);
        if (body.Error is { } unreadable)
        {
            return EvolutionErrors.UnreadableBody(unreadable);
        }

        var (message, error) = parse(body.Node);
        if (error is not null)
        {
            return error;
        }

        var result = await sender.SendAsync(instance, message!, stopping);
        return result.Message is { } sent ? TypedResults.Created((string?)null, sent) : result.Error!;
    }
}
