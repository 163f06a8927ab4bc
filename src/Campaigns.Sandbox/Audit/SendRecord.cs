using NodaTime;

namespace Campaigns.Sandbox.Audit;

/// <summary>
/// The witness's record of one send attempt that reached the network (auth and validation passed).
/// </summary>
/// <param name="Recipient">The jid the number became.</param>
/// <param name="Number">The number exactly as the caller sent it.</param>
/// <param name="Identity">What makes two sends "the same body": kind, text or caption, media.</param>
/// <param name="At">When it went out (after any typing delay), or when it was refused.</param>
/// <param name="ConnectionState">The instance's state at that moment.</param>
/// <param name="WasToldNotOnWhatsApp">Whether <c>whatsappNumbers</c> had answered <c>exists:false</c> for it before.</param>
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
    bool WasToldNotOnWhatsApp);
