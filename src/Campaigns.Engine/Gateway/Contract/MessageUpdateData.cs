using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// <c>data</c> of a <c>messages.update</c> webhook (a receipt). In v2 the WhatsApp id is <paramref name="KeyId"/> and
/// <paramref name="MessageId"/> is the gateway's database id; in v1 the WhatsApp id was <paramref name="Id"/>.
/// <see cref="WhatsAppMessageId"/> reads either. Receipts arrive out of order and repeated: never downgrade.
/// </summary>
/// <param name="Datetime">v1 only: unix milliseconds.</param>
/// <param name="Owner">v1 only: the instance name.</param>
/// <param name="MessageStubParameters">Baileys' stub parameters of an ERROR: <c>["463"]</c> is the reach-out timelock
/// (its silent form: the send was answered PENDING).</param>
internal sealed record MessageUpdateData(
    string? MessageId = null,
    string? KeyId = null,
    string? Id = null,
    string? RemoteJid = null,
    bool? FromMe = null,
    string? Participant = null,
    GatewayMessageStatus Status = GatewayMessageStatus.Unknown,
    string? InstanceId = null,
    long? Datetime = null,
    string? Owner = null,
    IReadOnlyList<string>? MessageStubParameters = null)
{
    /// <summary>The WhatsApp message id (<c>key.id</c> of the send): <c>keyId</c> in v2, <c>id</c> in v1.</summary>
    [JsonIgnore]
    public string? WhatsAppMessageId => KeyId ?? Id;

    public override string ToString() => $"MessageUpdateData {{ WhatsAppMessageId = {WhatsAppMessageId}, Status = {Status} }}";
}
