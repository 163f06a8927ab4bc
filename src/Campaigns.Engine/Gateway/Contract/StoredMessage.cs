using System.Text.Json;
using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// A message from the gateway's own store (<c>/chat/findMessages</c> records). It has no <c>status</c> of its own: the
/// furthest status is derived from <see cref="MessageUpdate"/> (a PascalCase key on the wire, in no guaranteed order).
/// </summary>
/// <param name="Id">The gateway's database id, not the WhatsApp id (that is <c>Key.Id</c>).</param>
/// <param name="Message">The content (opaque, and never to be logged).</param>
internal sealed record StoredMessage(
    string Id,
    MessageKey Key,
    string? PushName = null,
    string? MessageType = null,
    JsonElement? Message = null,
    long? MessageTimestamp = null,
    string? InstanceId = null,
    string? Source = null,
    JsonElement? ContextInfo = null,
    [property: JsonPropertyName("MessageUpdate")] IReadOnlyList<MessageStatusUpdate>? MessageUpdate = null)
{
    /// <summary>The furthest progress among the updates (pending → played), else an error or deletion, else Unknown.</summary>
    [JsonIgnore]
    public GatewayMessageStatus LatestStatus
    {
        get
        {
            var latest = GatewayMessageStatus.Unknown;
            foreach (var update in MessageUpdate ?? [])
            {
                // Progress statuses sort above Error and Deleted, so the maximum is the furthest one reached.
                if (update.Status > latest)
                {
                    latest = update.Status;
                }
            }

            return latest;
        }
    }

    public override string ToString() =>
        $"StoredMessage {{ Id = {Id}, KeyId = {Key.Id}, FromMe = {Key.FromMe}, LatestStatus = {LatestStatus}, MessageTimestamp = {MessageTimestamp} }}";
}
