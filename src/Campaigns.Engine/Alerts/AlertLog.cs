using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Alerts;

/// <summary>Log events of alerts: EventIds 3500–3599. Never secrets or URLs' query strings.</summary>
internal static partial class AlertLog
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Information, Message = "Alert {EventId} ({Type}) to tenant {TenantId}'s URL failed ({Status}), attempt {Attempt}; retried at the latest in {RetryIn}")]
    public static partial void DeliveryFailed(ILogger logger, Guid eventId, string type, Guid tenantId, string status, int attempt, TimeSpan retryIn);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "Alert {EventId} ({Type}) to tenant {TenantId}'s URL dropped after {Attempts} failed attempts (last: {Status})")]
    public static partial void DeliveryDropped(ILogger logger, Guid eventId, string type, Guid tenantId, int attempts, string status);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "Dropped {Count} waiting alerts of tenants over Alerts:MaxQueued ({MaxQueued})")]
    public static partial void QueueTrimmed(ILogger logger, int count, int maxQueued);
}
