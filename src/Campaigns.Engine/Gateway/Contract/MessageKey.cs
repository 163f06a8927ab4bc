namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// Baileys' message key, verbatim. <paramref name="Id"/> is the WhatsApp message id that receipts refer to.
/// <paramref name="RemoteJid"/> may be an <c>@lid</c> JID rather than a phone JID; then <paramref name="RemoteJidAlt"/> may
/// carry the phone JID.
/// </summary>
/// <param name="Participant">Omitted in one-to-one chats.</param>
internal sealed record MessageKey(
    string RemoteJid,
    bool FromMe,
    string Id,
    string? Participant = null,
    string? RemoteJidAlt = null,
    string? ParticipantAlt = null,
    string? AddressingMode = null)
{
    public override string ToString() => $"MessageKey {{ Id = {Id}, FromMe = {FromMe} }}";
}
