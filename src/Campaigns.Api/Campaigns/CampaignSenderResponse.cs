using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>One sender of a campaign now.</summary>
/// <param name="Queued">Its messages of this campaign waiting to be sent.</param>
/// <param name="SentToday">Sends of its number on the number's local today (all campaigns: one number, one budget).</param>
/// <param name="CapToday">Its number's cap for that day.</param>
/// <param name="NextSendAt">The earliest its number may send next; null when nothing is planned.</param>
/// <param name="PausedReason">Why it is paused; null when it is not.</param>
internal sealed record CampaignSenderResponse(
    Guid SenderId, string Name, int Queued, int SentToday, int CapToday, DateTimeOffset? NextSendAt, string? PausedReason)
{
    public static CampaignSenderResponse From(CampaignSenderProgress sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return new(
            sender.Id.Value, sender.Name, sender.Queued, sender.SentToday, sender.CapToday,
            sender.NextSendAt?.ToDateTimeOffset(), sender.PausedReason);
    }
}
