using System.Text.Json;
using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// What the gateway POSTs to a webhook. <paramref name="Data"/> depends on <paramref name="Event"/> (dotted names:
/// <c>messages.update</c> → <see cref="MessageUpdateData"/>, <c>send.message</c> and <c>messages.upsert</c> →
/// <see cref="GatewayMessage"/>, <c>connection.update</c> → <see cref="ConnectionUpdateData"/>).
/// The same event may arrive more than once.
/// </summary>
/// <param name="Instance">The instance name.</param>
/// <param name="Destination">The configured webhook URL (without the by-events suffix).</param>
/// <param name="DateTime">The gateway's LOCAL wall-clock time mislabelled with <c>Z</c>: kept as text, not to be trusted.</param>
/// <param name="Sender">The instance owner's JID; absent before the first link.</param>
/// <param name="Apikey">The instance token only if the gateway exposes it, else <see langword="null"/>; never an authenticator.</param>
internal sealed record WebhookEnvelope(
    string Event,
    JsonElement Data,
    string? Instance = null,
    string? Destination = null,
    [property: JsonPropertyName("date_time")] string? DateTime = null,
    string? Sender = null,
    [property: JsonPropertyName("server_url")] string? ServerUrl = null,
    string? Apikey = null)
{
    public override string ToString() => $"WebhookEnvelope {{ Event = {Event}, Instance = {Instance} }}";
}
