namespace Campaigns.Engine.Reports;

/// <summary>
/// When a message (aliased <c>m</c>) reached each result, as the reports count them: delivered at its delivery receipt,
/// else at its read receipt (a read message was delivered, whether or not that receipt came); failed when the failure
/// was recorded, else, for one failed without a time, when it was claimed. One reading for the stats and the timeline.
/// </summary>
internal static class MessageEventTimes
{
    public const string Delivered = "coalesce(m.delivered_at, m.read_at)";

    public const string Failed = "coalesce(m.failed_at, case when m.status = 'failed' then m.claimed_at end)";
}
