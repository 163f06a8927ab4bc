using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Replies;

/// <summary>Replies and opt-outs: event ids 2800–2899. Numbers are masked; reply texts are never logged.</summary>
internal static partial class ReplyLog
{
    [LoggerMessage(EventId = 2800, Level = LogLevel.Debug,
        Message = "Reply from {Phone} to sender {SenderId} attributed to campaign {CampaignId}")]
    public static partial void Replied(ILogger logger, string phone, Guid senderId, Guid? campaignId);

    [LoggerMessage(EventId = 2801, Level = LogLevel.Information,
        Message = "{Phone} opted out of tenant {TenantId}'s messages; {Skipped} unsent messages skipped")]
    public static partial void OptedOut(ILogger logger, string phone, Guid tenantId, int skipped);

    [LoggerMessage(EventId = 2802, Level = LogLevel.Information,
        Message = "{Phone} re-subscribed to tenant {TenantId}'s messages (opt-out lifted: {Lifted})")]
    public static partial void Resubscribed(ILogger logger, string phone, Guid tenantId, bool lifted);

    [LoggerMessage(EventId = 2803, Level = LogLevel.Information,
        Message = "{Phone} replied: {Skipped} unsent messages of campaigns that stop on reply skipped")]
    public static partial void StoppedOnReply(ILogger logger, string phone, int skipped);
}
