using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Campaigns.Sandbox.Instances;

/// <summary>
/// The 201 of <c>/instance/create</c> (instance.controller.ts <c>createInstance</c>). <c>hash</c> is the instance's
/// token as a plain string (v2); <c>qrcode</c> is there only when <c>qrcode:true</c> was asked for.
/// </summary>
internal sealed record CreateInstanceResponse(
    CreateInstanceResponse.InstanceInfo Instance,
    string Hash,
    CreateInstanceResponse.WebhookInfo Webhook,
    CreateInstanceResponse.Enabled Websocket,
    CreateInstanceResponse.Enabled Rabbitmq,
    CreateInstanceResponse.Enabled Nats,
    CreateInstanceResponse.Enabled Sqs,
    JsonObject Settings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] QrCodeResponse? Qrcode)
{
    public sealed record InstanceInfo(
        string InstanceName, string InstanceId, string Integration, string? WebhookWaBusiness, string AccessTokenWaBusiness, string Status);

    public sealed record WebhookInfo(string? WebhookUrl, JsonObject? WebhookHeaders, bool? WebhookByEvents, bool? WebhookBase64);

    public sealed record Enabled([property: JsonPropertyName("enabled")] bool? Value);
}
