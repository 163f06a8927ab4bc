namespace Campaigns.Domain.Campaigns;

/// <summary>The moves between <see cref="CampaignStatus"/> values; <see cref="CampaignLifecycle.Apply"/> makes them.</summary>
public enum CampaignTransition
{
    /// <summary>draft → preparing.</summary>
    Prepare,

    /// <summary>preparing → ready: every message stored and the variation rule holds.</summary>
    FinishPreparing,

    /// <summary>preparing → draft: the variation rule cannot hold, or preparing failed for good.</summary>
    AbandonPreparing,

    /// <summary>
    /// preparing → draft, or ready → draft: the owner takes the campaign back to change it. A running prepare stops
    /// and stores nothing; a ready campaign's prepared messages are deleted (none was sent).
    /// </summary>
    BackToDraft,

    /// <summary>ready → running, or ready → scheduled while its <c>startAt</c> lies ahead (<see cref="CampaignLifecycle.Start"/>).</summary>
    Start,

    /// <summary>scheduled → running: its <c>startAt</c> has passed.</summary>
    Begin,

    /// <summary>running | scheduled → paused.</summary>
    Pause,

    /// <summary>paused → running, or paused → scheduled while its <c>startAt</c> lies ahead (<see cref="CampaignLifecycle.Resume"/>).</summary>
    Resume,

    /// <summary>running → completed.</summary>
    Complete,

    /// <summary>any state that is not terminal → cancelled.</summary>
    Cancel,
}
