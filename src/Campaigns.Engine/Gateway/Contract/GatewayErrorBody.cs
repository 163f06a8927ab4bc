using System.Text.Json;
using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// An error body: <c>{"status","error","response":{"message"}}</c>, or without the <c>response</c> wrapper
/// (<c>{"status","error","message"}</c>) from <c>/chat/whatsappNumbers</c>. The message is a string (401, unhandled 500s),
/// an array of strings, an array of arrays of strings (schema validation), an array of objects (e.g. the
/// <c>{jid, exists:false, number}</c> of a send to a number not on WhatsApp), or missing.
/// </summary>
internal sealed record GatewayErrorBody(
    int? Status = null,
    string? Error = null,
    GatewayErrorResponse? Response = null,
    JsonElement? Message = null)
{
    /// <summary>The message element, wherever the gateway put it.</summary>
    [JsonIgnore]
    public JsonElement? MessageElement => Response?.Message is { ValueKind: not JsonValueKind.Null } wrapped ? wrapped : Message;

    /// <summary>The messages flattened to text: strings as they are, nested arrays unrolled, objects as raw JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Messages
    {
        get
        {
            var messages = new List<string>();
            if (MessageElement is { } element)
            {
                Flatten(element, messages);
            }

            return messages;
        }
    }

    /// <summary>Whether the message says the number is not on WhatsApp (a send's 400 <c>[{"exists": false, …}]</c>).</summary>
    [JsonIgnore]
    public bool SaysNotOnWhatsApp =>
        MessageElement is { ValueKind: JsonValueKind.Array } array
        && array.EnumerateArray().Any(item => item.ValueKind is JsonValueKind.Object
            && item.TryGetProperty("exists", out var exists) && exists.ValueKind is JsonValueKind.False);

    private static void Flatten(JsonElement element, List<string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, into);
                }

                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                into.Add(element.GetRawText());
                break;
        }
    }
}
