using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Precheck;
using NodaTime;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// How far a campaign's sending is: its messages counted per status (every status present, zero when none), its
/// senders in the campaign's order, and the projected finish (<see cref="Domain.Pacing.CampaignEta"/>; null when
/// nothing is left to send or nobody can send it), and the pre-check's progress.
/// </summary>
internal sealed record CampaignDispatchProgress(
    IReadOnlyDictionary<MessageStatus, int> Counts, IReadOnlyList<CampaignSenderProgress> Senders, Instant? EstimatedFinishAt,
    PrecheckProgress Precheck)
{
    /// <summary>Messages whose recipient replied (<c>replied_at</c> set), whatever their status.</summary>
    public int Replied { get; init; }
}
