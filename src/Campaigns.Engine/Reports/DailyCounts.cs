using NodaTime;

namespace Campaigns.Engine.Reports;

/// <summary>What happened to the tenant's messages on one UTC day: each counted by the time of that event.</summary>
internal sealed record DailyCounts(LocalDate Day, int Sent, int Delivered, int Read, int Failed, int Replied);
