using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// A message's status as the gateway reports it. The wire carries strings (<c>PENDING</c>, <c>SERVER_ACK</c>, …) and
/// sometimes Baileys' raw numbers 0–5; anything else reads as <see cref="Unknown"/>. <see cref="Pending"/> to
/// <see cref="Played"/> are in order of progress, so the furthest of several statuses is their maximum.
/// </summary>
[JsonConverter(typeof(GatewayMessageStatusConverter))]
internal enum GatewayMessageStatus
{
    /// <summary>A status this client does not know, or none.</summary>
    Unknown = 0,

    /// <summary><c>ERROR</c> (Baileys 0).</summary>
    Error = 1,

    /// <summary><c>DELETED</c>: Evolution's word for an update without a known status.</summary>
    Deleted = 2,

    /// <summary><c>PENDING</c> (1): what a send answers.</summary>
    Pending = 10,

    /// <summary><c>SERVER_ACK</c> (2): WhatsApp's server has it.</summary>
    ServerAck = 11,

    /// <summary><c>DELIVERY_ACK</c> (3): delivered to the recipient's phone.</summary>
    DeliveryAck = 12,

    /// <summary><c>READ</c> (4).</summary>
    Read = 13,

    /// <summary><c>PLAYED</c> (5): a voice note or video was played.</summary>
    Played = 14,
}
