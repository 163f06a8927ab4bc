using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Pacing;
using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Templates;
using NodaTime;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// One message moved <c>queued → sending</c> by a claim, with everything its send needs. <see cref="Lease"/> is the
/// number's <c>next_send_at</c> while the send is in flight: the completion writes the next send time only while it
/// still holds it.
/// </summary>
/// <param name="Number">The sending number (E.164), the key of its budget.</param>
/// <param name="Recipient">The recipient's number (E.164), the key of its message and of the recipient's period.</param>
/// <param name="Jid">Where the send goes: the jid the pre-check's <c>whatsappNumbers</c> answered for the recipient,
/// which may differ from the number as typed (Brazil's ninth digit, Mexico's "1").</param>
/// <param name="Body">The text, or a media message's caption (possibly empty).</param>
/// <param name="Media">The campaign's media; null for a text message.</param>
/// <param name="PreviousSentAt">When the number's last send left (an upper bound), for the gap instrument.</param>
/// <param name="Window">The campaign's send window, checked again at the moment of sending.</param>
/// <param name="WindowZone">The zone <paramref name="Window"/> is read in when it has none: the recipient's (else the sender's).</param>
internal sealed record ClaimedSend(
    CampaignId Campaign,
    string Recipient,
    string Jid,
    string Body,
    MediaDraft? Media,
    string Number,
    DispatchSender Sender,
    Instant ClaimedAt,
    Instant Lease,
    Instant? PreviousSentAt,
    SendWindow Window,
    DateTimeZone WindowZone)
{
    /// <summary>
    /// The number's budget as the claim counted it (the day, its cap, and the sends that day including this one): what
    /// the spread profile divides the open time left by. Null only where a send is built without a claim.
    /// </summary>
    public PacingDecision.Send? Budget { get; init; }

    /// <summary>Whether the window lets the message leave at <paramref name="at"/> (a claim just before closing may not).</summary>
    public bool MayLeaveAt(Instant at) => Window.IsOpen(at, WindowZone);

    public override string ToString() => $"ClaimedSend {{ Campaign = {Campaign}, Sender = {Sender.Id} }}";
}
