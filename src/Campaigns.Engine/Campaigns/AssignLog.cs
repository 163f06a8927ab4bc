using Campaigns.Domain.Campaigns;
using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Campaigns;

/// <summary>Log events of starting campaigns and assigning their recipients: EventIds 1250–1269.</summary>
internal static partial class AssignLog
{
    [LoggerMessage(EventId = 1250, Level = LogLevel.Information,
        Message = "Campaign {CampaignId}: {Sticky} messages queued on their recipients' sender, {Even} spread over {Senders} senders")]
    public static partial void Assigned(ILogger logger, Guid campaignId, int sticky, int even, int senders);

    [LoggerMessage(EventId = 1251, Level = LogLevel.Warning,
        Message = "Campaign {CampaignId}: no sender can send; its messages stay pending until one can")]
    public static partial void NoUsableSender(ILogger logger, Guid campaignId);

    [LoggerMessage(EventId = 1252, Level = LogLevel.Information, Message = "Campaign {CampaignId} is {Status}")]
    public static partial void Moved(ILogger logger, Guid campaignId, CampaignStatus status);

    [LoggerMessage(EventId = 1253, Level = LogLevel.Information, Message = "{Count} scheduled campaigns reached their start")]
    public static partial void BeganDue(ILogger logger, int count);

    [LoggerMessage(EventId = 1254, Level = LogLevel.Information,
        Message = "Campaign {CampaignId}: {Count} messages skipped, their numbers suppressed since the prepare")]
    public static partial void SkippedSuppressed(ILogger logger, Guid campaignId, int count);
}
