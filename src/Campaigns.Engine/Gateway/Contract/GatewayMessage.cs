using System.Text.Json;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// A message as the gateway renders it (<c>prepareMessage()</c>): the 201 answer of every send, and the <c>data</c> of the
/// <c>send.message</c> and <c>messages.upsert</c> webhooks. The WhatsApp message id is <c>Key.Id</c>; there is no top-level id.
/// </summary>
/// <param name="Status">A send answers <see cref="GatewayMessageStatus.Pending"/>.</param>
/// <param name="Message">The content (opaque, and never to be logged).</param>
/// <param name="ContextInfo">Opaque: <see langword="null"/> or an object depending on the gateway version.</param>
/// <param name="MessageType">E.g. <c>conversation</c> for text, <c>imageMessage</c>, <c>documentMessage</c>.</param>
/// <param name="MessageTimestamp">Unix seconds (a number in v2, often a string in v1; both are read).</param>
/// <param name="InstanceId">The instance's UUID (not its name).</param>
/// <param name="Source">The device kind: <c>web</c>, <c>android</c>, <c>ios</c> or <c>unknown</c>.</param>
/// <param name="MessageStubParameters">Baileys' stub parameters, present on a failed message: <c>["463"]</c> is the
/// reach-out timelock.</param>
internal sealed record GatewayMessage(
    MessageKey Key,
    string? PushName = null,
    GatewayMessageStatus Status = GatewayMessageStatus.Unknown,
    JsonElement? Message = null,
    JsonElement? ContextInfo = null,
    string? MessageType = null,
    long? MessageTimestamp = null,
    string? InstanceId = null,
    string? Source = null,
    IReadOnlyList<string>? MessageStubParameters = null)
{
    public override string ToString() =>
        $"GatewayMessage {{ Id = {Key.Id}, FromMe = {Key.FromMe}, Status = {Status}, MessageType = {MessageType}, MessageTimestamp = {MessageTimestamp} }}";
}
