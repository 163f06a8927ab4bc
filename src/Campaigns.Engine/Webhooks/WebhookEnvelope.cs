using System.Buffers;
using System.Text.Json;
using Campaigns.Domain.Common;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// A webhook body as the receiver stores it: its event, dedupe key (<see cref="WebhookDedupe"/>), the state of a
/// <c>connection.update</c>, and the envelope rewritten without <c>apikey</c> (the instance token) and
/// <c>destination</c> (our webhook URL with its secret), which the inbox must not keep. <see cref="Payload"/> is empty
/// for an event the product does not store (<see cref="IsStored"/> false).
/// </summary>
internal sealed record WebhookEnvelope(string Event, string? DedupeKey, string? State, ReadOnlyMemory<byte> Payload)
{
    public bool IsStored => WebhookEvents.Stored.Contains(Event);

    /// <summary>Reads a body (UTF-8 JSON); an error names <c>body</c> (not JSON) or <c>event</c> (no event name).</summary>
    public static Result<WebhookEnvelope> Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new Error("webhook.not_json", "The body is not JSON.", "body");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("event", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } eventName)
            {
                return new Error("webhook.no_event", "The body is not an Evolution webhook: it has no \"event\".", "event");
            }

            if (!WebhookEvents.Stored.Contains(eventName))
            {
                return new WebhookEnvelope(eventName, null, null, ReadOnlyMemory<byte>.Empty);
            }

            var data = root.TryGetProperty("data", out var d) ? d : default;
            return new WebhookEnvelope(
                eventName,
                WebhookDedupe.Key(eventName, data),
                eventName == WebhookEvents.ConnectionUpdate ? WebhookDedupe.State(data) : null,
                WithoutSecrets(root, body.Length));
        }
    }

    /// <summary>The route segment a gateway set to <c>byEvents</c> posts this event to (CONTRACT §5): <c>messages.update</c> → <c>messages-update</c>.</summary>
    public static string Segment(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        return eventName.Replace('.', '-').Replace('_', '-').ToLowerInvariant();
    }

    private static ReadOnlyMemory<byte> WithoutSecrets(JsonElement root, int size)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(size, 256));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (!string.Equals(property.Name, "apikey", StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(property.Name, "destination", StringComparison.OrdinalIgnoreCase))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
