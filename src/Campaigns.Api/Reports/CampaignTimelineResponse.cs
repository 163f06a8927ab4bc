using Campaigns.Engine.Reports;

namespace Campaigns.Api.Reports;

/// <summary>A campaign's results over time, for a chart: equal buckets from its first event to its last (to now while it runs or is paused).</summary>
/// <param name="BucketSeconds">The width of every bucket, chosen from the span (1 s to 1 day, then whole days) so there are at most 200; 0 before anything happened.</param>
/// <param name="Points">Oldest first; empty before anything happened.</param>
internal sealed record CampaignTimelineResponse(int BucketSeconds, IReadOnlyList<TimelinePointResponse> Points)
{
    public static CampaignTimelineResponse From(CampaignTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return new(
            timeline.BucketSeconds,
            timeline.Points.Select(p => new TimelinePointResponse(p.At.ToDateTimeOffset(), p.Sent, p.Delivered, p.Read, p.Replied, p.Failed)).ToArray());
    }
}
