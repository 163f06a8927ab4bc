namespace Campaigns.Engine.Campaigns;

/// <summary>What asking to move a draft to preparing did (<see cref="CampaignStore.BeginPreparingAsync"/>).</summary>
internal enum PrepareStart
{
    /// <summary>The campaign is preparing.</summary>
    Started,

    /// <summary>Its list was deleted since it was checked; nothing moved.</summary>
    ListGone,

    /// <summary>The campaign is no longer a draft of that list (or no longer exists); nothing moved.</summary>
    Moved,
}
