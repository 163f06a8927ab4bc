using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// What one sender of a campaign has left to do, for <see cref="CampaignEta"/>: its <paramref name="Queued"/> messages
/// of the campaign, its number's stored pacing <paramref name="State"/>, and when its number may send next
/// (<paramref name="NextSendAt"/>; null: now).
/// </summary>
public sealed record SenderWorkload(SenderId Sender, SenderSettings Settings, PacingState State, Instant? NextSendAt, int Queued)
{
    /// <summary>Its pacing: the profile decides the gap the estimate uses (default: <see cref="SenderPacing.Default"/>, spread).</summary>
    public SenderPacing Pacing { get; init; } = SenderPacing.Default;
}
