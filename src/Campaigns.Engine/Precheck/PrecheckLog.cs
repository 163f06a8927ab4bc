using Campaigns.Engine.Gateway;
using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Precheck;

/// <summary>Log events of the pre-check: EventIds 2400–2499. Never full numbers.</summary>
internal static partial class PrecheckLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Debug,
        Message = "Pre-check: {FromCache} messages settled from the cache, {Lookups} lookups, {Checked} numbers checked")]
    public static partial void Ran(this ILogger logger, int fromCache, int lookups, int @checked);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning,
        Message = "Pre-check lookup of sender {SenderId} failed ({Failure}); its numbers stay unchecked and it looks again after {Wait}")]
    public static partial void LookupFailed(this ILogger logger, Exception exception, Guid senderId, GatewayFailure failure, TimeSpan wait);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning,
        Message = "Pre-check lookup of sender {SenderId} failed ({Failure}): the sender is paused ({Reason}); its numbers stay unchecked")]
    public static partial void SenderPaused(this ILogger logger, Guid senderId, string failure, string reason);
}
