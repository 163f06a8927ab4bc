using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 2700, Level = LogLevel.Debug, Message = "Webhook run: {Claimed} claimed, {Applied} applied, {Ignored} ignored, {Retried} to retry, {Unmatched} unmatched, {Failed} failed")]
    public static partial void Ran(this ILogger logger, int claimed, int applied, int ignored, int retried, int unmatched, int failed);

    [LoggerMessage(EventId = 2701, Level = LogLevel.Warning, Message = "Dropped {Count} webhooks as unmatched: nothing they name appeared within {After}")]
    public static partial void Unmatched(this ILogger logger, int count, TimeSpan after);

    [LoggerMessage(EventId = 2702, Level = LogLevel.Warning, Message = "Applying {Count} {Event} webhooks failed; trying them one by one")]
    public static partial void GroupFailed(this ILogger logger, Exception exception, int count, string @event);

    [LoggerMessage(EventId = 2703, Level = LogLevel.Error, Message = "Applying webhook {Id} ({Event}, attempt {Attempt}) failed")]
    public static partial void EventFailed(this ILogger logger, Exception exception, long id, string @event, int attempt);

    [LoggerMessage(EventId = 2704, Level = LogLevel.Warning, Message = "Dropped {Count} webhooks whose applying failed {Attempts} times")]
    public static partial void Failed(this ILogger logger, int count, int attempts);

    [LoggerMessage(EventId = 2705, Level = LogLevel.Debug, Message = "Webhook run skipped: {Runs} runs are in progress")]
    public static partial void Busy(this ILogger logger, int runs);

    [LoggerMessage(EventId = 2706, Level = LogLevel.Error, Message = "Could not enqueue a webhook run; the recurring run will pick the webhooks up")]
    public static partial void NudgeFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2707, Level = LogLevel.Information, Message = "Webhook retention deleted {Processed} processed rows and {Expired} rows never processed")]
    public static partial void Retention(this ILogger logger, int processed, int expired);

    [LoggerMessage(EventId = 2708, Level = LogLevel.Warning, Message = "Deleted {Count} webhooks never processed within {MaxAge}")]
    public static partial void Expired(this ILogger logger, int count, TimeSpan maxAge);
}
