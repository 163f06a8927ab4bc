using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Senders;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Gateway.Contract;
using NodaTime;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// One status the gateway reported for one of our messages: the message is the one <paramref name="Sender"/> sent with
/// WhatsApp id <paramref name="WhatsAppId"/> (never another sender's, hence never another tenant's), the status it
/// reached, when we learnt it, and for <see cref="MessageStatus.Failed"/> the error. <paramref name="Id"/> names the
/// receipt in the writer's answer (the inbox row's id for a webhook).
/// </summary>
internal sealed record StatusReceipt(
    long Id, SenderId Sender, string WhatsAppId, MessageStatus Status, Instant At, string? ErrorCode = null, string? Error = null)
{
    /// <summary>The error code of a message the gateway reported ERROR for.</summary>
    public const string DeliveryErrorCode = "gateway.delivery_error";

    /// <summary>The error code of an ERROR with stub parameter 463: the sender is under WhatsApp's reach-out timelock.</summary>
    public const string TimelockCode = "gateway.reachout_timelock";

    /// <summary>Whether this receipt reports the silent reach-out timelock (its sender is to be restricted).</summary>
    public bool Timelock => ErrorCode == TimelockCode;

    /// <summary>
    /// The message status a gateway status means: <c>PENDING</c>/<c>SERVER_ACK</c> sent, <c>DELIVERY_ACK</c> delivered,
    /// <c>READ</c>/<c>PLAYED</c> read, <c>ERROR</c> failed; <c>DELETED</c> and anything unknown nothing (null).
    /// </summary>
    public static MessageStatus? StatusOf(GatewayMessageStatus status) => status switch
    {
        GatewayMessageStatus.Pending or GatewayMessageStatus.ServerAck => MessageStatus.Sent,
        GatewayMessageStatus.DeliveryAck => MessageStatus.Delivered,
        GatewayMessageStatus.Read or GatewayMessageStatus.Played => MessageStatus.Read,
        GatewayMessageStatus.Error => MessageStatus.Failed,
        _ => null,
    };

    /// <summary>
    /// The receipt a <c>messages.update</c> or <c>send.message</c> carries, or null when there is nothing to apply: a
    /// receipt of an incoming message (<c>fromMe: false</c>), no WhatsApp id, or a status that means nothing
    /// (<see cref="StatusOf"/>). Its time is when the webhook arrived.
    /// </summary>
    public static StatusReceipt? From(InboxEvent webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (webhook.Payload.ValueKind is not System.Text.Json.JsonValueKind.Object
            || !webhook.Payload.TryGetProperty("data", out var data)
            || EvolutionIds.FromMe(webhook.Event, data) is false
            || EvolutionIds.WhatsAppMessageId(webhook.Event, data) is not { } id
            || StatusOf(EvolutionIds.Status(data)) is not { } status)
        {
            return null;
        }

        if (status is not MessageStatus.Failed)
        {
            return new StatusReceipt(webhook.Id, webhook.Sender, id, status, webhook.ReceivedAt);
        }

        var stub = EvolutionIds.StubParameters(data);
        return ReachoutTimelock.IsReported(stub)
            ? new StatusReceipt(webhook.Id, webhook.Sender, id, status, webhook.ReceivedAt, TimelockCode,
                "WhatsApp refused the message: the sender is under a reach-out timelock (stub 463)")
            : new StatusReceipt(webhook.Id, webhook.Sender, id, status, webhook.ReceivedAt, DeliveryErrorCode,
                "The gateway reported status ERROR" + (stub.Count > 0 ? $" (stub {string.Join(", ", stub)})" : ""));
    }
}
