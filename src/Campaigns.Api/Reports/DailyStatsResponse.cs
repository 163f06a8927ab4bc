namespace Campaigns.Api.Reports;

/// <summary>One UTC day of the tenant's messages, each counted by the time of that event (a message sent on one day and read the next counts on both).</summary>
internal sealed record DailyStatsResponse(DateOnly Day, int Sent, int Delivered, int Read, int Failed, int Replied);
