using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// How gateway webhooks are received, kept and applied (section <c>Webhooks</c>; see <see cref="WebhookInbox"/>,
/// <see cref="WebhookProcessJob"/> and <see cref="WebhookRetentionJob"/>).
/// </summary>
internal sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <value>The largest body the receiver reads; a larger one answers 413. Default 1 MiB; 1 KiB to 16 MiB.</value>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <value>
    /// A <c>connection.update</c> whose state is the one last stored for its sender is stored again only once this has
    /// passed (an instance that cannot reach WhatsApp posts "connecting" about twice a second). Default 5 minutes;
    /// 1 second to 1 day.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StateHeartbeat { get; set; } = TimeSpan.FromMinutes(5);

    /// <value>Processed rows are deleted once received longer ago than this. Default 7 days; 1 hour to 365 days.</value>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <value>Rows never processed are deleted (and counted) once received longer ago than this. Default 2 days; 1 hour to 365 days.</value>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(2);

    /// <value>Rows one retention statement deletes (a run repeats it while it fills). Default 10,000; 100 to 1,000,000.</value>
    [Range(100, 1_000_000)]
    public int RetentionBatchSize { get; set; } = 10_000;

    /// <value>Rows one claim of the processor takes. Default 500; 1 to 10,000.</value>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <value>
    /// How long a claimed row is kept from other runs while its run applies it: a run that dies leaves its rows to
    /// others after this (applying stays exactly-once, see <see cref="WebhookProcessJob"/>). Default 1 minute; 1 second to 1 hour.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <value>
    /// An event an applier answers <see cref="ApplyResult.Retry"/> for (an update before the send recorded its id) is
    /// dropped as <c>unmatched</c>, counted, once received longer ago than this. Default 10 minutes; 0 to 1 day.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan UnmatchedAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <value>Attempts after which an event whose applying keeps throwing is dropped as <c>failed</c>. Default 10; 1 to 100.</value>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <value>The wait before the first retry of an event; each further attempt doubles it. Default 1 s; 10 ms to 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <value>The longest wait between two attempts. Default 30 s; 10 ms to 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <value>
    /// How long one run of the processor goes on claiming while it finds work; 0 for one claim. Shorter than or equal to
    /// the recurring schedule (5 s). Default 5 s; 0 to 1 minute.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RunFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <value>
    /// Runs of the processor at once, across every process (a run that finds them all taken ends at once: the runs in
    /// progress claim what arrived). Bounds the Hangfire workers webhooks can take. Default 2; 1 to 32.
    /// </value>
    [Range(1, 32)]
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <value>
    /// The wake-up's debounce: the first stored webhook after a quiet period enqueues one processor run this much later;
    /// webhooks stored meanwhile enqueue nothing more. Default 100 ms; 0 to 10 s.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan NudgeDelay { get; set; } = TimeSpan.FromMilliseconds(100);
}
