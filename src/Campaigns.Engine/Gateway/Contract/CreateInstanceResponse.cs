using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// Answer (201) of <c>/instance/create</c>. Deliberately omits <c>webhook</c>, <c>websocket</c>, <c>rabbitmq</c>,
/// <c>nats</c>, <c>sqs</c> and <c>settings</c>: campaigns configure the webhook separately.
/// </summary>
/// <param name="Hash">The instance's API key (token): a string in v2, <c>{"apikey"}</c> in v1; both are read.</param>
/// <param name="Qrcode">The first QR code, present only when one was asked for.</param>
internal sealed record CreateInstanceResponse(
    CreatedInstance Instance,
    [property: JsonConverter(typeof(InstanceTokenConverter))] string? Hash = null,
    QrCode? Qrcode = null)
{
    public override string ToString() =>
        $"CreateInstanceResponse {{ Instance = {Instance}, Hash = {(Hash is null ? "none" : "***")}, Qrcode = {(Qrcode is null ? "none" : "present")} }}";
}
