using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Dispatch;

/// <summary>How campaign messages are dispatched (section <c>Dispatch</c>).</summary>
internal sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// <value>
    /// Dispatch loop slots across every process sharing the database: the watchdog keeps one loop running per slot. Each
    /// loop claims due numbers with <c>FOR UPDATE SKIP LOCKED</c>, so slots only add capacity. Default 2; 1 to 64.
    /// </value>
    [Range(1, 64)]
    public int Loops { get; set; } = 2;

    /// <value>
    /// Loops one process runs at once. Hangfire hands a job to the process that enqueued it (its idle workers are woken
    /// at once, the others poll), so without this bound every slot would gather on one process and the others would not
    /// dispatch; a loop over the bound ends at once, and its slot, free again after <see cref="SlotLease"/>, is offered
    /// again by the watchdog. One loop keeps <see cref="MaxInFlight"/> sends in flight and claims for every number, so
    /// one per process is enough. Default 1; 1 to 64.
    /// </value>
    [Range(1, 64)]
    public int MaxLoopsPerProcess { get; set; } = 1;

    /// <value>Sends one loop keeps in flight at once (a send can block for seconds). Default 256; 1 to 4,096.</value>
    [Range(1, 4096)]
    public int MaxInFlight { get; set; } = 256;

    /// <value>
    /// How long one loop runs before it drains its sends and ends, its job enqueueing its successor: well inside
    /// Hangfire's invisibility timeout (5 minutes by default). Default 2 minutes; 1 second to 1 hour.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LoopLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <value>
    /// How long a claimed number is held while its send is in flight (its <c>next_send_at</c> is the lease's end), and
    /// how old a <c>sending</c> message must be before reconciliation looks at it: longer than the gateway's send timeout
    /// plus the typing delay. Default 2 minutes; 1 second to 1 hour.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <value>
    /// How long a loop's slot lease lasts without a heartbeat (the loop renews it every third of it); a slot whose loop
    /// died is free again after it. Default 30 s; 1 second to 10 minutes.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SlotLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <value>
    /// A recipient gets at most one campaign message from a tenant in this period, across campaigns; a second one waits.
    /// Default 24 hours; 0 (no limit) to 30 days.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RecipientPeriod { get; set; } = TimeSpan.FromHours(24);

    /// <value>
    /// When a number has queued messages but none may go now (send windows closed, recipients inside their period), it
    /// is looked at again after this, or at the next opening of the windows it waits for when that comes sooner.
    /// Default 1 minute; 1 second to 1 hour.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BlockedRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <value>
    /// The longest a loop sleeps between looks at the due numbers (it wakes earlier for the next due time or a freed
    /// slot). Default 250 ms; 10 ms to 10 s.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <value>How often finished sends are written, in one statement per batch. Default 100 ms; 10 ms to 5 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan CompletionInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <value>
    /// A capped number waits to its next local midnight plus a random spread up to this, so that many numbers of one
    /// zone do not wake at the same instant. Default 15 minutes; 0 to 2 hours.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00", "02:00:00")]
    public TimeSpan MidnightSpread { get; set; } = TimeSpan.FromMinutes(15);

    /// <value>First back-off after a gateway failure (429, 5xx, unreachable); it doubles with each consecutive failure. Default 5 s; 100 ms to 10 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <value>The longest back-off. Default 10 minutes; 1 second to 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(10);

    /// <value>After this many consecutive failed sends a sender is paused with the reason; its campaigns go on with their other senders. Default 5; 1 to 100.</value>
    [Range(1, 100)]
    public int MaxConsecutiveFailures { get; set; } = 5;

    /// <value>
    /// Failover (<see cref="DispatchFailoverJob"/>): a sender paused or not <c>open</c> for longer than this has its
    /// queued messages in running campaigns moved to the campaign's other senders that can send. Default 30 minutes;
    /// 1 second to 7 days.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan FailoverAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary><value>Messages failover moves per statement and transaction. Default 1,000; 1 to 100,000.</value></summary>
    [Range(1, 100_000)]
    public int FailoverBatch { get; set; } = 1_000;

    /// <value>
    /// A <c>sending</c> message that reconciliation cannot settle (the gateway cannot be asked) becomes <c>unknown</c>, for
    /// a person, once its claim is this old. Default 30 minutes; 1 second to 7 days.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan UnknownAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <value>Stale <c>sending</c> messages one reconciliation run looks at. Default 500; 1 to 100,000.</value>
    [Range(1, 100_000)]
    public int ReconcileBatch { get; set; } = 500;

    /// <value>
    /// How long a reach-out timelock (WhatsApp's error 463) stops a sender's first contacts when its answer gives no end
    /// time. Default 24 hours; 1 minute to 30 days.
    /// </value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TimelockDuration { get; set; } = TimeSpan.FromHours(24);

    /// <value>
    /// The health guard looks at a sender's last this many send outcomes (only when a flushed batch holds a failure of
    /// it). Default 20; 4 to 200.
    /// </value>
    [Range(4, 200)]
    public int HealthWindow { get; set; } = 20;

    /// <value>
    /// The health guard pauses a sender (<c>health:failure_share</c>) when more than this share of its last
    /// <see cref="HealthWindow"/> outcomes failed (counted once it has at least half a window). Default 0.5; 0.05 to 1.
    /// </value>
    [Range(0.05, 1.0)]
    public double HealthFailureShare { get; set; } = 0.5;

    /// <value>
    /// The health guard pauses a sender (<c>health:not_on_whatsapp</c>, <c>health:gateway_errors</c>) when its last
    /// <see cref="HealthWindow"/> outcomes hold this many not-on-WhatsApp answers, or this many gateway errors and ERROR
    /// answers. Default 5; 2 to 200.
    /// </value>
    [Range(2, 200)]
    public int HealthBurst { get; set; } = 5;

    /// <value>
    /// The health guard pauses a sender (<c>health:flapping</c>) when dispatch found its connection not open this many
    /// times within <see cref="HealthFlapWindow"/>. Default 3; 2 to 100.
    /// </value>
    [Range(2, 100)]
    public int HealthFlapPauses { get; set; } = 3;

    /// <value>See <see cref="HealthFlapPauses"/>. Default 30 minutes; 1 minute to 1 day.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan HealthFlapWindow { get; set; } = TimeSpan.FromMinutes(30);
}
