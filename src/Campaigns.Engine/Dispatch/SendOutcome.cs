using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// What one send came to, for the completion batch: the message's next status and what it means for its sender.
/// </summary>
/// <param name="Message">The message's fate.</param>
/// <param name="GatewayMessageId">WhatsApp's id (<c>key.id</c>) of a sent message.</param>
/// <param name="ErrorCode">Why it failed, was put back or left for reconciliation (e.g. <c>gateway.not_on_whatsapp</c>).</param>
/// <param name="Error">The gateway's words, masked (no phone numbers).</param>
/// <param name="Sender">What happens to the sender.</param>
/// <param name="PauseReason">With <see cref="SenderEffect.Pause"/> (and for a back-off, the reason should it end in a pause).</param>
/// <param name="RetryAfter">A back-off at least this long (the gateway's <c>Retry-After</c>).</param>
/// <param name="Unsent">No request was made: the number's budget is given back (its day's count and last send as before).</param>
/// <param name="RestrictedUntil">With <see cref="SenderEffect.Restrict"/>: the lock's end when the answer gave one (else
/// the completion assumes <c>Dispatch:TimelockDuration</c>).</param>
/// <param name="NotOpen">The sender was paused because its connection was found not open (the health guard counts these).</param>
internal sealed record SendOutcome(
    MessageFate Message,
    string? GatewayMessageId = null,
    string? ErrorCode = null,
    string? Error = null,
    SenderEffect Sender = SenderEffect.Healthy,
    string? PauseReason = null,
    TimeSpan? RetryAfter = null,
    bool Unsent = false,
    Instant? RestrictedUntil = null,
    bool NotOpen = false)
{
    /// <summary>
    /// Not sent: the window closed between the claim and the moment of sending. Back to <c>queued</c> untouched, nothing
    /// learnt about the sender, no budget spent.
    /// </summary>
    public static SendOutcome WindowClosed { get; } =
        new(MessageFate.Requeue, ErrorCode: "dispatch.window_closed", Sender: SenderEffect.None, Unsent: true);

    /// <summary>The error code of a send the gateway answered with status ERROR (not a timelock).</summary>
    public const string ErrorStatusCode = "gateway.error_status";

    /// <summary>
    /// What the health guard counts of this outcome (<see cref="SenderHealth"/>'s letters), or null for nothing: a
    /// timelock (a restriction of its own), a pause, a send cancelled or broken on our side.
    /// </summary>
    public char? HealthMark => this switch
    {
        { Sender: SenderEffect.Restrict or SenderEffect.Pause } => null,
        { Message: MessageFate.Sent } => SenderHealth.Sent,
        { ErrorCode: "gateway.not_on_whatsapp" } => SenderHealth.NotOnWhatsApp,
        { ErrorCode: ErrorStatusCode } or { Sender: SenderEffect.Backoff } => SenderHealth.GatewayError,
        { Message: MessageFate.Failed } => SenderHealth.Refused,
        _ => null,
    };

    /// <summary>The metric label of the message's fate.</summary>
    public string Label => Message switch
    {
        MessageFate.Sent => "sent",
        MessageFate.Failed => "failed",
        MessageFate.Requeue => "requeued",
        _ => "reconcile",
    };
}

/// <summary>Where a sent message goes after its send.</summary>
internal enum MessageFate
{
    /// <summary>The gateway took it: <c>sent</c> with its id.</summary>
    Sent,

    /// <summary>Refused for this recipient only (not on WhatsApp, a bad number): <c>failed</c>.</summary>
    Failed,

    /// <summary>The answer proves nothing went out: back to <c>queued</c>.</summary>
    Requeue,

    /// <summary>It may have gone out: left <c>sending</c> for reconciliation (never resent blindly).</summary>
    Reconcile,
}

/// <summary>What a send's answer means for its sender.</summary>
internal enum SenderEffect
{
    /// <summary>The gateway answered the send: any failure streak and back-off end.</summary>
    Healthy,

    /// <summary>Nothing to learn about the sender (the recipient was refused).</summary>
    None,

    /// <summary>Back off exponentially; paused after too many consecutive failures.</summary>
    Backoff,

    /// <summary>Paused with <see cref="SendOutcome.PauseReason"/>: not open, unauthorized, gone.</summary>
    Pause,

    /// <summary>
    /// A reach-out timelock (463): no first contacts until <see cref="SendOutcome.RestrictedUntil"/>; messages to
    /// recipients it already contacted keep flowing.
    /// </summary>
    Restrict,
}
