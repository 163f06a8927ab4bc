using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// An instance's link to WhatsApp (Baileys' connection state). Campaigns send only while it is <see cref="Open"/>.
/// A missing or unknown state reads as <see cref="Unknown"/>.
/// </summary>
[JsonConverter(typeof(InstanceConnectionStateConverter))]
internal enum InstanceConnectionState
{
    /// <summary>No state given (the instance exists but is not loaded), or one this client does not know.</summary>
    Unknown = 0,

    /// <summary><c>open</c>: linked and able to send.</summary>
    Open,

    /// <summary><c>connecting</c>: waiting for a QR scan, or reconnecting.</summary>
    Connecting,

    /// <summary><c>close</c>: not linked (logged out, or never linked).</summary>
    Close,

    /// <summary><c>refused</c>: the QR code limit was reached; linking must be started again.</summary>
    Refused,
}
