using NodaTime;

namespace Campaigns.Sandbox.Audit;

/// <summary>
/// The witness's record of one send attempt that reached the network (auth and validation passed).
/// </summary>
/// <param name="Recipient">The jid the number became.</param>
/// <param name="Number">The number exactly as the caller sent it.</param>
/// <param name="Identity">What makes two sends "the same body": kind, text or caption, media.</param>
/// <param name="At">When it went out (after any typing delay and answer latency), or when it was refused.</param>
/// <param name="ConnectionState">The instance's state at <paramref name="At"/>.</param>
/// <param name="WasToldNotOnWhatsApp">Whether <c>whatsappNumbers</c> had answered <c>exists:false</c> for it before.</param>
/// <param name="SenderNumber">The linked number of the instance (digits), or null when it has none.</param>
/// <param name="NormalIdentity"><paramref name="Identity"/> with the text normalised (<see cref="BodyText"/>).</param>
/// <param name="ReceivedAt">When the request arrived, before any typing delay or latency.</param>
/// <param name="StateAtReceipt">The instance's state when the request arrived.</param>
/// <param name="TimelockUntil">For <see cref="SendOutcome.Timelocked"/>: the end of the lock the answer reported.</param>
internal sealed record SendRecord(
    long Sequence,
    string Instance,
    string Recipient,
    string Number,
    string Kind,
    string Body,
    string? Media,
    string Identity,
    Instant At,
    string? KeyId,
    SendOutcome Outcome,
    string ConnectionState,
    bool WasToldNotOnWhatsApp,
    string? SenderNumber,
    string NormalIdentity,
    Instant ReceivedAt,
    string StateAtReceipt,
    Instant? TimelockUntil = null)
{
    /// <summary>What shares a floor and a cap: the linked number, or the instance itself when it has none.</summary>
    public string BudgetKey => SenderNumber ?? "instance:" + Instance;
}
