using Campaigns.Api.Campaigns;

namespace Campaigns.Api.Reports;

/// <summary>The tenant's sending statistics. Days are UTC days.</summary>
/// <param name="MessagesToday">Messages the gateway accepted today (UTC day).</param>
/// <param name="TotalSent">Messages the gateway ever accepted, whatever became of them since.</param>
/// <param name="DeliveryRate">Delivered or read ÷ accepted, 0–1; null before anything was sent.</param>
/// <param name="ReadRate">Read ÷ accepted, 0–1; null before anything was sent.</param>
/// <param name="ByStatus">Every message of the tenant's campaigns by status, and how many were replied to.</param>
/// <param name="ByType">Messages accepted, by kind of message.</param>
/// <param name="Daily">The last 30 UTC days, oldest first, today last.</param>
/// <param name="Senders">Each sender's rate-limit state, in the senders' listing order.</param>
internal sealed record StatsResponse(
    int MessagesToday,
    int TotalSent,
    double? DeliveryRate,
    double? ReadRate,
    MessageCountsResponse ByStatus,
    MessageTypeCountsResponse ByType,
    IReadOnlyList<DailyStatsResponse> Daily,
    IReadOnlyList<SenderStatsResponse> Senders);
