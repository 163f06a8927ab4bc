using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Campaigns;

/// <summary>Log events of campaigns and their prepare job: EventIds 1200–1299. Never numbers, field values or bodies.</summary>
internal static partial class CampaignLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Created campaign {CampaignId} over list {ListId}")]
    public static partial void Created(ILogger logger, Guid campaignId, Guid listId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Deleted campaign {CampaignId}")]
    public static partial void Deleted(ILogger logger, Guid campaignId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Campaign {CampaignId}: prepare requested for {Recipients} recipients")]
    public static partial void PrepareRequested(ILogger logger, Guid campaignId, int recipients);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Campaign {CampaignId}: preparing (attempt {Attempt})")]
    public static partial void PrepareStarted(ILogger logger, Guid campaignId, int attempt);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning,
        Message = "Campaign {CampaignId}: resuming an interrupted prepare from scratch (attempt {Attempt}); its partial messages were removed")]
    public static partial void PrepareResumed(ILogger logger, Guid campaignId, int attempt);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Debug, Message = "Campaign {CampaignId}: {Rendered} of {Total} recipients rendered")]
    public static partial void PrepareProgress(ILogger logger, Guid campaignId, long rendered, int total);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Information,
        Message = "Campaign {CampaignId} is ready: {Ready} messages, {Skipped} skipped, {DistinctBodies} distinct bodies, at most {LargestShare} recipients per body, in {Seconds:F1} s")]
    public static partial void Prepared(ILogger logger, Guid campaignId, long ready, long skipped, long distinctBodies, int largestShare, double seconds);

    [LoggerMessage(EventId = 1214, Level = LogLevel.Information, Message = "Campaign {CampaignId} is a draft again: {Code}")]
    public static partial void PrepareAbandoned(ILogger logger, Guid campaignId, string code);

    [LoggerMessage(EventId = 1215, Level = LogLevel.Error,
        Message = "Campaign {CampaignId}: enqueuing its prepare failed; the sweeper takes it up")]
    public static partial void PrepareEnqueueFailed(ILogger logger, Exception exception, Guid campaignId);

    [LoggerMessage(EventId = 1216, Level = LogLevel.Information, Message = "Campaign {CampaignId}: prepare interrupted by shutdown; it resumes at the next start")]
    public static partial void PrepareInterrupted(ILogger logger, Guid campaignId);

    [LoggerMessage(EventId = 1240, Level = LogLevel.Information,
        Message = "Preview over list {ListId} stopped after {Examined} of {Total} contacts: {Reason}")]
    public static partial void PreviewStopped(ILogger logger, Guid listId, long examined, int total, PreviewStop reason);

    [LoggerMessage(EventId = 1220, Level = LogLevel.Warning,
        Message = "Campaign {CampaignId} was left preparing with no live job (last job {OldJobId}); enqueued job {JobId}")]
    public static partial void PrepareSwept(ILogger logger, Guid campaignId, string? oldJobId, string jobId);

    [LoggerMessage(EventId = 1230, Level = LogLevel.Information, Message = "Campaign {CampaignId} taken back to draft from {From}; {Deleted} prepared messages deleted")]
    public static partial void BackToDraft(ILogger logger, Guid campaignId, Domain.Campaigns.CampaignStatus from, int deleted);

    [LoggerMessage(EventId = 1231, Level = LogLevel.Information,
        Message = "Campaign {CampaignId}: prepare stopped after {Rendered} recipients: the campaign was taken back to draft; nothing was stored")]
    public static partial void PrepareWithdrawn(ILogger logger, Guid campaignId, long rendered);

    [LoggerMessage(EventId = 1232, Level = LogLevel.Debug,
        Message = "Campaign {CampaignId} waits: its tenant already has {MaxPerTenant} prepares running")]
    public static partial void PrepareTenantBusy(ILogger logger, Guid campaignId, int maxPerTenant);

    [LoggerMessage(EventId = 1233, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: could not check whether it is still preparing")]
    public static partial void StatusWatchFailed(ILogger logger, Exception exception, Guid campaignId);
}
