using Campaigns.Domain.Campaigns;
using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.BulkSends;

/// <summary>Bulk sends' log lines: event ids 3700–3719.</summary>
internal static partial class BulkSendLog
{
    [LoggerMessage(EventId = 3700, Level = LogLevel.Information,
        Message = "Bulk send {CampaignId} accepted: {Accepted} recipients, {Invalid} invalid, {Duplicates} duplicates, {Suppressed} suppressed")]
    public static partial void Accepted(ILogger logger, Guid campaignId, int accepted, int invalid, int duplicates, int suppressed);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Information, Message = "Bulk send {CampaignId} started: {Status}")]
    public static partial void Started(ILogger logger, Guid campaignId, CampaignStatus status);

    [LoggerMessage(EventId = 3702, Level = LogLevel.Warning, Message = "Bulk send {CampaignId} is ready but cannot start yet ({Code}): {Reason}")]
    public static partial void StartRefused(ILogger logger, Guid campaignId, string code, string reason);

    [LoggerMessage(EventId = 3703, Level = LogLevel.Error, Message = "Bulk send {CampaignId} could not be started; start-due-campaigns tries again")]
    public static partial void StartFailed(ILogger logger, Exception exception, Guid campaignId);

    [LoggerMessage(EventId = 3704, Level = LogLevel.Warning, Message = "The prepare job of bulk send {CampaignId} could not be enqueued; the prepare sweeper takes it up")]
    public static partial void PrepareEnqueueFailed(ILogger logger, Exception exception, Guid campaignId);
}
