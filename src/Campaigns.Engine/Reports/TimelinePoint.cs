using NodaTime;

namespace Campaigns.Engine.Reports;

/// <summary>
/// One bucket of a <see cref="CampaignTimeline"/>: how many of the campaign's messages had been sent, delivered, read,
/// replied to and had failed before <paramref name="At"/> (cumulative: each count only grows along the timeline).
/// </summary>
/// <param name="At">The end of the bucket (exclusive).</param>
internal sealed record TimelinePoint(Instant At, int Sent, int Delivered, int Read, int Replied, int Failed);
