using System.Globalization;
using System.Text.Json;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// The dedupe key of a stored webhook (unique per sender in <c>webhook_inbox</c>): a gateway resends one event up to 10
/// times, even after a 2xx, and each copy is answered 2xx but stored once.
/// <list type="bullet">
/// <item><c>messages.update</c> → <c>u:{waId}:{status}</c>, the WhatsApp id being <c>data.keyId</c> (v2; its
/// <c>messageId</c> is the gateway's database id) or <c>data.id</c> (v1); a numeric status is kept as its number;</item>
/// <item><c>send.message</c> → <c>s:{data.key.id}</c>; <c>messages.upsert</c> → <c>m:{data.key.id}</c>;</item>
/// <item><c>connection.update</c> → none: it is coalesced instead (<see cref="WebhookInbox"/>).</item>
/// </list>
/// An event without the fields its key needs gets none (stored, never deduplicated). Applying stays idempotent anyway:
/// retention forgets keys.
/// </summary>
internal static class WebhookDedupe
{
    public static string? Key(string eventName, JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // The WhatsApp id as the appliers read it (one reading of keyId / id / key.id for both).
        if (EvolutionIds.WhatsAppMessageId(eventName, data) is not { } id)
        {
            return null;
        }

        return eventName switch
        {
            WebhookEvents.MessagesUpdate when Text(data, "status") is { } status => $"u:{id}:{status}",
            WebhookEvents.SendMessage => "s:" + id,
            WebhookEvents.MessagesUpsert => "m:" + id,
            _ => null,
        };
    }

    /// <summary>The state of a <c>connection.update</c> (<c>data.state</c>), or null.</summary>
    public static string? State(JsonElement data) => data.ValueKind == JsonValueKind.Object ? Text(data, "state") : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String when value.GetString() is { Length: > 0 } text => text,
                JsonValueKind.Number when value.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
                _ => null,
            }
            : null;
}
