using System.Text.Json.Nodes;

namespace Campaigns.Sandbox.Messages;

/// <summary>
/// <c>prepareMessage()</c>'s shape: the 201 body of a send, the <c>data</c> of <c>send.message</c> and of
/// <c>messages.upsert</c>. <c>status</c> is a string (<c>PENDING</c> for sends); <c>messageTimestamp</c> is unix seconds.
/// </summary>
internal sealed record WaMessage(
    MessageKey Key,
    string PushName,
    string Status,
    JsonObject Message,
    JsonNode? ContextInfo,
    string MessageType,
    long MessageTimestamp,
    string InstanceId,
    string Source);
