using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Campaigns.Sandbox.Instances;

/// <summary>
/// One item of <c>/instance/fetchInstances</c>: Evolution's Prisma <c>Instance</c> row with its relations. Relations
/// the sandbox does not have (Chatwoot, Proxy, queues) are null, as Prisma leaves them when absent.
/// </summary>
internal sealed record FetchedInstance(
    string Id,
    string Name,
    string ConnectionStatus,
    string? OwnerJid,
    string? ProfileName,
    string? ProfilePicUrl,
    string Integration,
    string? Number,
    string? BusinessId,
    string Token,
    string ClientName,
    int? DisconnectionReasonCode,
    JsonNode? DisconnectionObject,
    string? DisconnectionAt,
    string CreatedAt,
    string UpdatedAt,
    [property: JsonPropertyName("Chatwoot")] JsonNode? Chatwoot,
    [property: JsonPropertyName("Proxy")] JsonNode? Proxy,
    [property: JsonPropertyName("Rabbitmq")] JsonNode? Rabbitmq,
    [property: JsonPropertyName("Nats")] JsonNode? Nats,
    [property: JsonPropertyName("Sqs")] JsonNode? Sqs,
    [property: JsonPropertyName("Websocket")] JsonNode? Websocket,
    [property: JsonPropertyName("Setting")] JsonObject Setting,
    [property: JsonPropertyName("_count")] FetchedInstance.Counts Count)
{
    public sealed record Counts(
        [property: JsonPropertyName("Message")] int Message,
        [property: JsonPropertyName("Contact")] int Contact,
        [property: JsonPropertyName("Chat")] int Chat);
}
