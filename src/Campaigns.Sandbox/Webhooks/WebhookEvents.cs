namespace Campaigns.Sandbox.Webhooks;

/// <summary>Event names: the dotted wire names, and the configuration names (<c>MESSAGES_UPDATE</c>) that filters use.</summary>
internal static class WebhookEvents
{
    public const string MessagesUpsert = "messages.upsert";
    public const string MessagesUpdate = "messages.update";
    public const string SendMessage = "send.message";
    public const string ConnectionUpdate = "connection.update";
    public const string QrCodeUpdated = "qrcode.updated";

    /// <summary><c>EventController.events</c> of Evolution 2.3.6: the only names <c>webhook/set</c> accepts.</summary>
    public static readonly string[] ConfigNames =
    [
        "APPLICATION_STARTUP", "QRCODE_UPDATED", "MESSAGES_SET", "MESSAGES_UPSERT", "MESSAGES_EDITED", "MESSAGES_UPDATE",
        "MESSAGES_DELETE", "SEND_MESSAGE", "SEND_MESSAGE_UPDATE", "CONTACTS_SET", "CONTACTS_UPSERT", "CONTACTS_UPDATE",
        "PRESENCE_UPDATE", "CHATS_SET", "CHATS_UPSERT", "CHATS_UPDATE", "CHATS_DELETE", "GROUPS_UPSERT", "GROUP_UPDATE",
        "GROUP_PARTICIPANTS_UPDATE", "CONNECTION_UPDATE", "LABELS_EDIT", "LABELS_ASSOCIATION", "CALL", "TYPEBOT_START",
        "TYPEBOT_CHANGE_STATUS", "REMOVE_INSTANCE", "LOGOUT_INSTANCE", "INSTANCE_CREATE", "INSTANCE_DELETE", "STATUS_INSTANCE",
    ];

    /// <summary><c>messages.update</c> → <c>MESSAGES_UPDATE</c> (webhook.controller.ts <c>emit()</c>).</summary>
    public static string ConfigName(string wireName) =>
        wireName.Replace('.', '_').Replace('-', '_').ToUpperInvariant();

    /// <summary><c>messages.update</c> → <c>messages-update</c>: the path suffix when <c>byEvents</c> is on.</summary>
    public static string PathSuffix(string wireName) =>
#pragma warning disable CA1308 // Evolution lower-cases the suffix; this is a URL path, not a comparison.
        ConfigName(wireName).Replace('_', '-').ToLowerInvariant();
#pragma warning restore CA1308
}
