using System.Collections.Concurrent;
using Campaigns.Domain.Templates;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Gateway.Contract;
using Campaigns.Engine.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// Makes one claimed send through <see cref="IGatewayClient"/> and reads its answer as real gateways give it
/// (CONTRACT.md §1): sent; refused for this recipient (400 not on WhatsApp, a bad request) → failed; an answer that
/// proves nothing went out → queued again; anything that may have gone out → left for reconciliation. When the sender
/// itself is in trouble it asks <c>connectionState</c> before deciding: a sender not <c>open</c> (<c>connecting</c> is
/// not open) is paused instead of burning messages; 429, 5xx and unreachable gateways back off; 401/403 pause it as
/// <c>unauthorized</c>, 404 as <c>instance_not_found</c>. A reach-out timelock (463, in an error's words or as the stub of
/// a 201 whose status is ERROR; <see cref="ReachoutTimelock"/>) restricts the sender and puts the message back (WhatsApp
/// refused it); any other 201 with status ERROR fails the message. Instance keys are decrypted once per sender and key. A
/// sender with typing on sends with the gateway's <c>delay</c> (<see cref="Domain.Pacing.TypingDelay"/> of the body).
/// </summary>
internal sealed class DispatchGateway(
    IGatewayClient gateway, SecretProtector protector, IOptions<PacingOptions> pacing, ILogger<DispatchGateway> logger)
{
    private readonly ConcurrentDictionary<(Guid Sender, string ProtectedKey), GatewayTarget> _targets = new();

    /// <summary>The sender's instance to call, its key decrypted (cached per sender and stored key).</summary>
    public GatewayTarget Target(Guid senderId, Uri gatewayUrl, string instance, string protectedInstanceKey) =>
        _targets.GetOrAdd(
            (senderId, protectedInstanceKey),
            static (key, s) => new GatewayTarget(s.GatewayUrl, s.Instance, s.Protector.Unprotect(key.ProtectedKey)),
            (GatewayUrl: gatewayUrl, Instance: instance, Protector: protector));

    /// <summary>Sends and classifies. Never throws for a gateway answer; cancellation leaves the outcome unknown.</summary>
    public async Task<SendOutcome> SendAsync(ClaimedSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        GatewayTarget target;
        try
        {
            target = Target(send.Sender.Id.Value, send.Sender.GatewayUrl, send.Sender.Instance, send.Sender.ProtectedInstanceKey);
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            // Nothing left: the key ring cannot read this sender's key (a person must register it again).
            logger.KeyUnreadable(exception, send.Sender.Id.Value);
            return new SendOutcome(MessageFate.Requeue, ErrorCode: "sender.key_unreadable", Sender: SenderEffect.Pause, PauseReason: "key_unreadable");
        }

        try
        {
            var message = await SendMessageAsync(target, send, cancellationToken);
            if (message.Status is GatewayMessageStatus.Error)
            {
                return ReachoutTimelock.IsReported(message.MessageStubParameters ?? [])
                    ? Restricted(send, ReachoutTimelock.EndIn(message.MessageStubParameters!), "The gateway answered the send with status ERROR, stub 463")
                    : new SendOutcome(MessageFate.Failed, message.Key.Id, SendOutcome.ErrorStatusCode, "The gateway answered the send with status ERROR", SenderEffect.None);
            }

            return new SendOutcome(MessageFate.Sent, message.Key.Id);
        }
        catch (GatewayException exception) when (ReachoutTimelock.IsReported(exception.GatewayMessages))
        {
            // WhatsApp refused the message for the timelock, whatever the HTTP status (WAHA answers 500): nothing left.
            return Restricted(send, ReachoutTimelock.EndIn(exception.GatewayMessages), exception.Message);
        }
        catch (GatewayOutcomeUnknownException exception)
        {
            // May have gone out: reconciliation decides. Whether the sender can go on is the connection's to say.
            return await TroubleAsync(target, exception, MessageFate.Reconcile, cancellationToken);
        }
        catch (GatewayException exception)
        {
            return exception.Failure switch
            {
                GatewayFailure.NotOnWhatsApp => Refused(exception, "gateway.not_on_whatsapp"),
                GatewayFailure.Rejected => Refused(exception, "gateway.rejected"),
                GatewayFailure.Unauthorized or GatewayFailure.Forbidden => Paused(exception, "unauthorized"),
                GatewayFailure.NotFound => Paused(exception, "instance_not_found"),
                _ => await TroubleAsync(target, exception, MessageFate.Requeue, cancellationToken),
            };
        }
    }

    private Task<GatewayMessage> SendMessageAsync(GatewayTarget target, ClaimedSend send, CancellationToken cancellationToken)
    {
        // The pre-check's jid, not the number as typed: sendText/sendMedia take a full jid (CONTRACT §3).
        var number = send.Jid;
        if (send.Media is not { } media)
        {
            return gateway.SendTextAsync(target, new SendTextRequest(number, send.Body, Delay(send)), cancellationToken);
        }

        var source = media.Url ?? media.Base64 ?? throw new InvalidOperationException("A stored media has a url or base64.");
        var type = Enum.Parse<MediaType>(media.Type!, ignoreCase: true);
        if (type is MediaType.Audio)
        {
            return gateway.SendWhatsAppAudioAsync(target, new SendWhatsAppAudioRequest(number, source, Delay(send)), cancellationToken);
        }

        var mediaType = type switch
        {
            MediaType.Image => GatewayMediaType.Image,
            MediaType.Video => GatewayMediaType.Video,
            _ => GatewayMediaType.Document,
        };
        return gateway.SendMediaAsync(
            target,
            new SendMediaRequest(number, mediaType, source, media.MimeType, send.Body.Length == 0 ? null : send.Body, media.FileName, Delay(send)),
            cancellationToken);
    }

    private SendOutcome Restricted(ClaimedSend send, NodaTime.Instant? until, string error)
    {
        logger.Timelocked(send.Sender.Id.Value, until?.ToString() ?? "unknown");
        return new SendOutcome(
            MessageFate.Requeue, ErrorCode: "gateway." + ReachoutTimelock.Kind, Error: error, Sender: SenderEffect.Restrict, RestrictedUntil: until);
    }

    /// <summary>The typing delay in milliseconds of a sender with typing on; null (none) otherwise.</summary>
    private int? Delay(ClaimedSend send)
    {
        if (!send.Sender.Typing)
        {
            return null;
        }

        var options = pacing.Value;
        var delay = Domain.Pacing.TypingDelay.For(
            send.Body.Length, Duration.FromTimeSpan(options.TypingPerCharacter), Duration.FromTimeSpan(options.TypingMin),
            Duration.FromTimeSpan(options.TypingMax));
        return (int)delay.TotalMilliseconds;
    }

    private static SendOutcome Refused(GatewayException exception, string code) =>
        new(MessageFate.Failed, ErrorCode: code, Error: exception.Message, Sender: SenderEffect.Healthy);

    private static SendOutcome Paused(GatewayException exception, string reason) =>
        new(MessageFate.Requeue, ErrorCode: "gateway." + reason, Error: exception.Message, Sender: SenderEffect.Pause, PauseReason: reason);

    /// <summary>
    /// The sender may be in trouble: a sender whose connection is not open is paused with its state as the reason; one
    /// that is open (or cannot be asked) backs off, with the gateway's Retry-After as the least wait.
    /// </summary>
    private async Task<SendOutcome> TroubleAsync(
        GatewayTarget target, GatewayException exception, MessageFate fate, CancellationToken cancellationToken)
    {
        var code = "gateway." + exception.Failure.ToString().ToLowerInvariant();
        var state = await StateAsync(target, cancellationToken);
        if (state is { } known && known is not InstanceConnectionState.Open)
        {
            var reason = known.ToString().ToLowerInvariant();
            logger.SenderNotOpen(target.Instance, reason, exception.Failure);
            return new SendOutcome(fate, ErrorCode: code, Error: exception.Message, Sender: SenderEffect.Pause, PauseReason: reason, NotOpen: true);
        }

        return new SendOutcome(
            fate, ErrorCode: code, Error: exception.Message, Sender: SenderEffect.Backoff,
            PauseReason: exception.Failure is GatewayFailure.RateLimited ? "rate_limited" : "gateway_failures",
            RetryAfter: exception.RetryAfter);
    }

    /// <summary>The instance's connection state, or null when the gateway cannot be asked (the pre-check asks it too).</summary>
    internal async Task<InstanceConnectionState?> StateAsync(GatewayTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await gateway.GetConnectionStateAsync(target, cancellationToken);
        }
        catch (GatewayException exception)
        {
            logger.StateUnknown(exception, target.Instance);
            return null;
        }
    }
}
