using System.Text.Json.Serialization;

namespace Campaigns.Sandbox.Chat;

/// <summary>
/// <c>OnWhatsAppDto</c>: <c>number</c> echoes the caller's input verbatim, so callers match on it (the order is not
/// the input's). <c>name</c> is left out: the sandbox knows no contact names before they write.
/// </summary>
internal sealed record OnWhatsAppResult(
    string Jid,
    bool Exists,
    string Number,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null);
