namespace Campaigns.Domain.Campaigns;

/// <summary>
/// Where a campaign is in its life: <c>draft → preparing → ready → (scheduled →) running ⇄ paused → completed</c>, and
/// <c>cancelled</c> from any state that is not terminal. <see cref="CampaignLifecycle"/> says which moves are allowed.
/// </summary>
public enum CampaignStatus
{
    /// <summary>Being written: the only state in which it can be changed. <c>default</c>.</summary>
    Draft,

    /// <summary>Every message is being rendered and stored; it becomes ready, or a draft again when the variation rule cannot hold.</summary>
    Preparing,

    /// <summary>Every message is stored and the variation rule holds; it can be started.</summary>
    Ready,

    /// <summary>Started, waiting for its <c>startAt</c>: it becomes running when that moment passes.</summary>
    Scheduled,

    /// <summary>Messages are being sent.</summary>
    Running,

    /// <summary>Sending is suspended; it can be resumed.</summary>
    Paused,

    /// <summary>Every message reached a final state. Terminal.</summary>
    Completed,

    /// <summary>Stopped for good; messages not yet sent are cancelled. Terminal.</summary>
    Cancelled,
}
