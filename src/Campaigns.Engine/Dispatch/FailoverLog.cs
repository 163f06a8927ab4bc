using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Dispatch;

/// <summary>Failover's log (events 2170–2179 of the Dispatch block).</summary>
internal static partial class FailoverLog
{
    [LoggerMessage(EventId = 2170, Level = LogLevel.Information,
        Message = "Campaign {CampaignId}: {Moved} queued messages moved from sender {SenderId} to {Targets} other senders ({Reason})")]
    public static partial void Moved(ILogger logger, Guid campaignId, Guid senderId, int moved, int targets, string reason);

    [LoggerMessage(EventId = 2171, Level = LogLevel.Warning, Message = "Campaign {CampaignId} waits: none of its senders can send")]
    public static partial void Waiting(ILogger logger, Guid campaignId);
}
