using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Dispatch;

/// <summary>Warm-up memory, the reconnect ramp and the idle flag (section <c>Pacing</c>).</summary>
internal sealed class PacingOptions
{
    public const string SectionName = "Pacing";

    /// <value>
    /// A number whose last send is older than this restarts its warm-up ramp on the day it sends again
    /// (<c>numbers.warmup_from</c>). Default 72 hours; 1 hour to 365 days.
    /// </value>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan IdleRestart { get; set; } = TimeSpan.FromHours(72);

    /// <value>
    /// After a reconnect (<c>senders.reconnected_at</c>) a sender's gaps are slowed for this long, the slowdown falling
    /// linearly to none. Default 15 minutes; 0 (no ramp) to 1 day.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReconnectRamp { get; set; } = TimeSpan.FromMinutes(15);

    /// <value>What the gaps are multiplied by just after a reconnect (falling to 1 over <see cref="ReconnectRamp"/>). Default 3; 1 to 20.</value>
    [Range(1.0, 20.0)]
    public double ReconnectSlowdown { get; set; } = 3;

    /// <value>A sender with no send for this long is flagged <c>idle</c> in <c>GET /api/senders</c>. Default 7 days; 1 hour to 365 days.</value>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan IdleFlagAfter { get; set; } = TimeSpan.FromDays(7);
}
