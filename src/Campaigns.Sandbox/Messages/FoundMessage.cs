using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Campaigns.Sandbox.Messages;

/// <summary>One record of <c>findMessages</c>. It has no <c>status</c>: the latest is the highest of <c>MessageUpdate</c>.</summary>
internal sealed record FoundMessage(
    string Id,
    MessageKey Key,
    string PushName,
    string MessageType,
    JsonObject Message,
    long MessageTimestamp,
    string InstanceId,
    string Source,
    JsonNode? ContextInfo,
    [property: JsonPropertyName("MessageUpdate")] IReadOnlyList<FoundMessage.StatusRow> MessageUpdate)
{
    public sealed record StatusRow(string Status);
}
