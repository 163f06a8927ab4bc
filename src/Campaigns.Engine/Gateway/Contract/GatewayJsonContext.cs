using System.Text.Json;
using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// Source-generated JSON for the Evolution contract: camelCase, numbers also read from strings (v1 sent timestamps as
/// strings), nulls not written (optional request fields are omitted, as the gateway's examples show). Non-nullable
/// members are required: a 2xx answer without them is an invalid response, not a silent default.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(WhatsAppNumbersRequest))]
[JsonSerializable(typeof(List<WhatsAppNumber>))]
[JsonSerializable(typeof(SendTextRequest))]
[JsonSerializable(typeof(SendMediaRequest))]
[JsonSerializable(typeof(SendWhatsAppAudioRequest))]
[JsonSerializable(typeof(GatewayMessage))]
[JsonSerializable(typeof(ConnectionStateResponse))]
[JsonSerializable(typeof(SetWebhookRequest))]
[JsonSerializable(typeof(WebhookResponse))]
[JsonSerializable(typeof(FindMessagesRequest))]
[JsonSerializable(typeof(FindMessagesResponse))]
[JsonSerializable(typeof(CreateInstanceRequest))]
[JsonSerializable(typeof(CreateInstanceResponse))]
[JsonSerializable(typeof(ConnectInstanceResponse))]
[JsonSerializable(typeof(List<FetchedInstance>))]
[JsonSerializable(typeof(GatewayErrorBody))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
[JsonSerializable(typeof(WebhookEnvelope))]
[JsonSerializable(typeof(MessageUpdateData))]
[JsonSerializable(typeof(ConnectionUpdateData))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
