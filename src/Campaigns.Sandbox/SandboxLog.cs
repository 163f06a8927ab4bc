namespace Campaigns.Sandbox;

/// <summary>Log events of the sandbox gateway: EventIds 9000–9099. Never message bodies or full numbers.</summary>
internal static partial class SandboxLog
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Instance {Instance} is now {State}")]
    public static partial void InstanceStateChanged(ILogger logger, string instance, string state);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Instance {Instance} created")]
    public static partial void InstanceCreated(ILogger logger, string instance);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Instance {Instance} deleted")]
    public static partial void InstanceDeleted(ILogger logger, string instance);

    [LoggerMessage(EventId = 9010, Level = LogLevel.Debug, Message = "Instance {Instance} sent message {KeyId}")]
    public static partial void MessageSent(ILogger logger, string instance, string keyId);

    [LoggerMessage(EventId = 9011, Level = LogLevel.Information, Message = "Instance {Instance} refused a send: {Reason}")]
    public static partial void SendRefused(ILogger logger, string instance, string reason);

    [LoggerMessage(EventId = 9020, Level = LogLevel.Debug, Message = "Webhook {Event} of {Instance} delivered: HTTP {Status}")]
    public static partial void WebhookDelivered(ILogger logger, string instance, string @event, int status);

    [LoggerMessage(EventId = 9021, Level = LogLevel.Warning, Message = "Webhook {Event} of {Instance} rejected with HTTP {Status}; not retried")]
    public static partial void WebhookRejected(ILogger logger, string instance, string @event, int status);

    [LoggerMessage(EventId = 9022, Level = LogLevel.Warning, Message = "Webhook {Event} of {Instance}, attempt {Attempt} failed: {Failure}")]
    public static partial void WebhookAttemptFailed(ILogger logger, string instance, string @event, int attempt, string failure);

    [LoggerMessage(EventId = 9023, Level = LogLevel.Warning, Message = "Webhook URL of {Instance} is not a URL; {Event} not sent")]
    public static partial void WebhookUrlInvalid(ILogger logger, string instance, string @event);

    [LoggerMessage(EventId = 9030, Level = LogLevel.Information, Message = "Injected fault {Kind} into {Method} {Path}")]
    public static partial void FaultInjected(ILogger logger, Faults.FaultKind kind, string method, string path);

    [LoggerMessage(EventId = 9040, Level = LogLevel.Information, Message = "Sandbox reset")]
    public static partial void Reset(ILogger logger);
}
