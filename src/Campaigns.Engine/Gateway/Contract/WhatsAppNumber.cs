namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// One answer of <c>/chat/whatsappNumbers</c>. <paramref name="Number"/> echoes the caller's input verbatim, and the
/// answers come in the gateway's own order (broadcasts, groups, users), so they are matched by number, never by index.
/// <paramref name="Jid"/> may differ from the naive <c>digits@s.whatsapp.net</c> (Brazil's ninth digit, LIDs).
/// </summary>
/// <param name="Name">The contact's push name, when the gateway knows one.</param>
/// <param name="Lid">The LID, only for LID or cached entries.</param>
internal sealed record WhatsAppNumber(string Jid, bool Exists, string Number, string? Name = null, string? Lid = null)
{
    public override string ToString() =>
        $"WhatsAppNumber {{ Number = {GatewayRedaction.Redact(Number)}, Exists = {Exists} }}";
}
