namespace Campaigns.Engine.Alerts;

/// <summary>
/// The event types posted to a tenant's alert URL. All but <see cref="Ping"/> are written by the triggers of migration
/// 0020 (<c>campaigns.alert_sender_events</c>, <c>campaigns.alert_campaign_events</c>), which hold their rules.
/// </summary>
internal static class AlertEvents
{
    /// <summary>A sender's pause began (its <c>paused_reason</c> was set): data <c>senderId, name, reason, pausedAt</c>.</summary>
    public const string SenderPaused = "sender.paused";

    /// <summary>A sender's restriction began (none was in force): data <c>senderId, name, restriction, until</c>.</summary>
    public const string SenderRestricted = "sender.restricted";

    /// <summary>A sender's connection left <c>open</c>: data <c>senderId, name, state, reason</c>.</summary>
    public const string SenderDisconnected = "sender.disconnected";

    /// <summary>A campaign completed: data <c>campaignId, name, completedAt</c>.</summary>
    public const string CampaignCompleted = "campaign.completed";

    /// <summary>A running campaign began to wait with no usable sender (<c>waiting_since</c> set): data <c>campaignId, name, reason, since</c>.</summary>
    public const string CampaignStalled = "campaign.stalled";

    /// <summary>A test event the tenant asked for (<c>POST /api/alerts/test</c>): data <c>{}</c>.</summary>
    public const string Ping = "ping";
}
