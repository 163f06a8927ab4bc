using NodaTime;

namespace Campaigns.Engine.Reports;

/// <summary>One recipient's line of a campaign's report.</summary>
/// <param name="Fields">The contact's values, in the order of <see cref="CampaignReport.ColumnsAsync"/> (null: no value, or the list is gone).</param>
/// <param name="ErrorCode">Why it failed or was skipped, as a code; null when neither.</param>
/// <param name="Error">The same in words.</param>
internal sealed record ReportRow(
    string Phone,
    IReadOnlyList<string?> Fields,
    string Status,
    Instant? SentAt,
    Instant? DeliveredAt,
    Instant? ReadAt,
    Instant? RepliedAt,
    string? ErrorCode,
    string? Error);
