namespace Campaigns.Domain.Campaigns;

/// <summary>
/// Identifies a campaign, and seeds its per-recipient choices (so one recipient gets the same text every time the
/// campaign is rendered). <c>default</c> (an empty Guid) identifies no campaign.
/// </summary>
public readonly record struct CampaignId(Guid Value)
{
    public static CampaignId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
