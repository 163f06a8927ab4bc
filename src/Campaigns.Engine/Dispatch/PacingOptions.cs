using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// Warm-up memory, the reconnect ramp, the idle flag and typing simulation (section <c>Pacing</c>). Typing: a sender
/// with <c>typing</c> on sends with the gateway's <c>delay</c>, <see cref="TypingPerCharacter"/> per character of the
/// body within [<see cref="TypingMin"/>, <see cref="TypingMax"/>] (<see cref="Domain.Pacing.TypingDelay"/>); the gateway
/// holds the request for it, the send's timeout is <c>Gateway:SendTimeout</c> (60 s) on top, and the typing counts
/// inside the gap between sends.
/// </summary>
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

    /// <value>Typing time per character of the body. Default 40 ms; 0 to 1 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan TypingPerCharacter { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <value>The shortest typing (also of an empty caption). Default 1 s; 0 to 20 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:20")]
    public TimeSpan TypingMin { get; set; } = TimeSpan.FromSeconds(1);

    /// <value>
    /// The longest typing; not under <see cref="TypingMin"/>. Default 8 s; 0 to 20 s (Evolution types in chunks of 20 s,
    /// and a long hold keeps a send, and its number's lease, in flight).
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:20")]
    public TimeSpan TypingMax { get; set; } = TimeSpan.FromSeconds(8);
}
