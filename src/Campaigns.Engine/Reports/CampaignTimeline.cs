namespace Campaigns.Engine.Reports;

/// <summary>
/// A campaign's results over time (<see cref="CampaignTimelineReader"/>): buckets of <see cref="BucketSeconds"/> each,
/// from the first event to the last (or now while it can still send); empty before anything happened.
/// </summary>
/// <param name="BucketSeconds">The width of every bucket, one of <see cref="CampaignTimelineReader.BucketSizes"/> or a whole number of days; 0 when empty.</param>
/// <param name="Points">At most <see cref="CampaignTimelineReader.MaxBuckets"/>, oldest first.</param>
internal sealed record CampaignTimeline(int BucketSeconds, IReadOnlyList<TimelinePoint> Points)
{
    public static readonly CampaignTimeline Empty = new(0, []);
}
