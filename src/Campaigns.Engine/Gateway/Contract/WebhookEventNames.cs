namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// Names for <see cref="WebhookSettings.Events"/> (the configuration names; on the wire the events are dotted,
/// e.g. <c>messages.update</c>). These four are the ones campaigns need.
/// </summary>
internal static class WebhookEventNames
{
    public const string MessagesUpsert = "MESSAGES_UPSERT";
    public const string MessagesUpdate = "MESSAGES_UPDATE";
    public const string SendMessage = "SEND_MESSAGE";
    public const string ConnectionUpdate = "CONNECTION_UPDATE";

    /// <summary>The events a sender's webhook subscribes to: replies, receipts, sends and connection changes.</summary>
    public static IReadOnlyList<string> Campaign { get; } = [MessagesUpsert, MessagesUpdate, SendMessage, ConnectionUpdate];
}
