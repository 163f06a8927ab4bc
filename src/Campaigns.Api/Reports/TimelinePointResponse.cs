namespace Campaigns.Api.Reports;

/// <summary>One bucket of a campaign's timeline: its messages counted by what had happened to them before <paramref name="At"/> (cumulative).</summary>
/// <param name="At">The end of the bucket (UTC, exclusive).</param>
/// <param name="Delivered">Delivered, or read without a delivery receipt.</param>
internal sealed record TimelinePointResponse(DateTimeOffset At, int Sent, int Delivered, int Read, int Replied, int Failed);
