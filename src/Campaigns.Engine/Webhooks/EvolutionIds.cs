using System.Text.Json;
using Campaigns.Engine.Gateway.Contract;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// The one reading of a webhook's <c>data</c> that status updates rely on (CONTRACT §6b, §6c, §9, §10.6–7): which
/// WhatsApp message it is about, whether that message is ours, its status and Baileys' stub parameters. Lenient: a
/// member that is missing or of another kind reads as absent, never throws.
/// </summary>
internal static class EvolutionIds
{
    /// <summary>
    /// The WhatsApp message id (the send's <c>key.id</c>): <c>data.keyId</c> in a v2 <c>messages.update</c> (its
    /// <c>messageId</c> is the gateway's database id), else <c>data.id</c> (v1); <c>data.key.id</c> in
    /// <c>send.message</c> and <c>messages.upsert</c>. Null when the event carries none.
    /// </summary>
    public static string? WhatsAppMessageId(string eventName, JsonElement data) => eventName switch
    {
        WebhookEvents.MessagesUpdate => Text(data, "keyId") ?? Text(data, "id"),
        WebhookEvents.SendMessage or WebhookEvents.MessagesUpsert => Text(Member(data, "key"), "id"),
        _ => null,
    };

    /// <summary><c>fromMe</c> of the message (<c>data.fromMe</c> of an update, <c>data.key.fromMe</c> otherwise); null when absent.</summary>
    public static bool? FromMe(string eventName, JsonElement data)
    {
        var holder = eventName == WebhookEvents.MessagesUpdate ? data : Member(data, "key");
        return Member(holder, "fromMe") is { ValueKind: JsonValueKind.True or JsonValueKind.False } flag ? flag.GetBoolean() : null;
    }

    /// <summary><c>data.status</c> as the gateway client reads it (strings in any case, Baileys' numbers 0–5); Unknown otherwise.</summary>
    public static GatewayMessageStatus Status(JsonElement data) =>
        Member(data, "status") is { ValueKind: JsonValueKind.String or JsonValueKind.Number } status
            ? status.Deserialize(GatewayJsonContext.Default.GatewayMessageStatus)
            : GatewayMessageStatus.Unknown;

    /// <summary><c>data.messageStubParameters</c> (texts; numbers as their digits), empty when absent.</summary>
    public static IReadOnlyList<string> StubParameters(JsonElement data) =>
        Member(data, "messageStubParameters") is { ValueKind: JsonValueKind.Array } parameters
            ? parameters.EnumerateArray()
                .Where(p => p.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                .Select(p => p.ValueKind is JsonValueKind.String ? p.GetString()! : p.GetRawText())
                .ToArray()
            : [];

    private static JsonElement? Member(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) ? member : null;

    private static string? Text(JsonElement? element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.String } text && text.GetString() is { Length: > 0 } value ? value : null;
}
