namespace Campaigns.Engine.Webhooks;

/// <summary>
/// The Evolution events the product stores and applies (CONTRACT §6), by their wire names. Any other event is answered
/// 2xx and dropped at the receiver.
/// </summary>
internal static class WebhookEvents
{
    public const string MessagesUpdate = "messages.update";
    public const string SendMessage = "send.message";
    public const string MessagesUpsert = "messages.upsert";
    public const string ConnectionUpdate = "connection.update";

    public static readonly IReadOnlySet<string> Stored = new HashSet<string>(StringComparer.Ordinal)
    {
        MessagesUpdate, SendMessage, MessagesUpsert, ConnectionUpdate,
    };
}
