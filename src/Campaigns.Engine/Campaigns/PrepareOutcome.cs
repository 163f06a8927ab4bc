namespace Campaigns.Engine.Campaigns;

/// <summary>What one run of <see cref="PrepareCampaignJob"/> did.</summary>
internal enum PrepareOutcome
{
    /// <summary>Another worker (in this process or another) holds the campaign; nothing was done.</summary>
    NotClaimed,

    /// <summary>
    /// Its tenant already has <see cref="PrepareOptions.MaxPerTenant"/> prepares running (in any process); nothing was
    /// done, and the campaign waits for one of them to end.
    /// </summary>
    TenantBusy,

    /// <summary>The campaign is not preparing (any more: e.g. taken back to draft while it ran); nothing was stored.</summary>
    NotPreparing,

    /// <summary>Every message is stored and the campaign is ready.</summary>
    Ready,

    /// <summary>The variation rule cannot hold, the list is gone, or the attempts ran out: the campaign is a draft again, with the reason.</summary>
    BackToDraft,
}
