using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Receipts;

/// <summary>
/// When a sent message without a delivery receipt is flagged and checked against the gateway's record (section
/// <c>Receipts</c>; see <see cref="MissingReceiptsJob"/>, which runs every 5 minutes).
/// </summary>
internal sealed class ReceiptsOptions
{
    public const string SectionName = "Receipts";

    /// <value>
    /// How long after <c>sent_at</c> a message still <c>sent</c> (no delivery receipt) is flagged
    /// (<c>messages.receipt_missing_at</c>). Default 6 hours; 1 minute to 30 days.
    /// </value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan FlagAfter { get; set; } = TimeSpan.FromHours(6);

    /// <value>Messages flagged per run at most (the oldest first). Default 1,000; 1 to 100,000.</value>
    [Range(1, 100_000)]
    public int FlagBatch { get; set; } = 1_000;

    /// <value>
    /// How long after <c>sent_at</c> a flagged message is still checked against the gateway's record; older ones stay
    /// flagged unchecked. Default 3 days; 1 hour to 90 days.
    /// </value>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan CheckFor { get; set; } = TimeSpan.FromDays(3);

    /// <value>
    /// The wait before a flagged message the gateway had no later status for is checked again. Default 12 hours;
    /// 1 minute to 30 days.
    /// </value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromHours(12);

    /// <value>
    /// Gateway look-ups (<c>/chat/findMessages</c>, one per message) per sender per run, so that one sender's backlog
    /// neither floods its gateway nor holds back the others. Default 10; 1 to 1,000.
    /// </value>
    [Range(1, 1_000)]
    public int ChecksPerSender { get; set; } = 10;

    /// <value>Gateway look-ups per run across all senders. Default 200; 1 to 10,000.</value>
    [Range(1, 10_000)]
    public int MaxChecksPerRun { get; set; } = 200;
}
