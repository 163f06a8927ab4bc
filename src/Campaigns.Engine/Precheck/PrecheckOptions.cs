using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Precheck;

/// <summary>How recipients' numbers are checked before sending (section <c>Precheck</c>; see <see cref="PrecheckJob"/>).</summary>
internal sealed class PrecheckOptions
{
    public const string SectionName = "Precheck";

    /// <value>
    /// How long an answer of <c>whatsappNumbers</c> is trusted (<c>number_checks</c>, per tenant): a number checked
    /// longer ago is asked again. Default 30 days; 1 minute to 365 days.
    /// </value>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromDays(30);

    /// <value>Numbers per <c>whatsappNumbers</c> call. Default 50; 1 to 50 (larger lookups are a ban signal).</value>
    [Range(1, 50)]
    public int BatchSize { get; set; } = 50;

    /// <value>
    /// The least time between the answer of one lookup of a linked number and the start of its next (lookups are not
    /// counted in the number's send cap). Default 5 s; 1 second to 1 hour.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CallInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <value>A random extra, uniform in [0, this], added to each <see cref="CallInterval"/>. Default 2 s; 0 to 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CallJitter { get; set; } = TimeSpan.FromSeconds(2);

    /// <value>Lookups (linked numbers) one run makes, at once. Default 20; 1 to 1,000.</value>
    [Range(1, 1000)]
    public int MaxCallsPerRun { get; set; } = 20;

    /// <value>
    /// How long one run goes on claiming rounds of <see cref="MaxCallsPerRun"/> due numbers while it finds some (each
    /// number still waits its <see cref="CallInterval"/>); 0 for one round. Shorter than the recurring schedule (5 s),
    /// so that the pre-check of a thousand senders is not held to one round every 5 s. Default 4 s; 0 to 1 minute.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RunFor { get; set; } = TimeSpan.FromSeconds(4);

    /// <value>
    /// How long a number's lookup is held while its call is in flight (<c>numbers.lookup_next_at</c>): a run that dies
    /// frees it after this. Longer than the gateway's request timeout with its retries. Default 2 minutes; 1 second to 1 hour.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CallLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <value>
    /// The wait after a lookup failed for a reason that may pass (429 without Retry-After, 5xx, unreachable, timeout); a
    /// 429's Retry-After is honoured when longer. Default 1 minute; 1 second to 1 day.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Backoff { get; set; } = TimeSpan.FromMinutes(1);
}
