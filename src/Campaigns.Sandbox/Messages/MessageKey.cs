using System.Text.Json.Serialization;

namespace Campaigns.Sandbox.Messages;

/// <summary>
/// Baileys' message key. The WhatsApp message id is <see cref="Id"/>. Our sends' keys are <c>{remoteJid, fromMe, id}</c>;
/// a received message's key is Baileys 7's (decode-wa-message.js): <c>{remoteJid, remoteJidAlt?, fromMe, id,
/// addressingMode}</c>, where a LID-addressed sender has <c>remoteJid</c> = its <c>@lid</c> and <c>remoteJidAlt</c> = its
/// phone's jid.
/// </summary>
internal sealed record MessageKey(
    string RemoteJid,
    [property: JsonPropertyOrder(1)] bool FromMe,
    [property: JsonPropertyOrder(1)] string Id)
{
    /// <summary>The phone's jid of a LID-addressed sender; null (left out) otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RemoteJidAlt { get; init; }

    /// <summary><c>lid</c> or <c>pn</c> on received messages; null (left out) on our sends.</summary>
    [JsonPropertyOrder(2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AddressingMode { get; init; }

    /// <summary>The key of a message received from <paramref name="phoneJid"/>, addressed by <paramref name="lid"/> when given.</summary>
    public static MessageKey Incoming(string phoneJid, string? lid, string id) => lid is null
        ? new MessageKey(phoneJid, false, id) { AddressingMode = "pn" }
        : new MessageKey(lid, false, id) { RemoteJidAlt = phoneJid, AddressingMode = "lid" };
}
