using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// Typing simulation of senders with <c>typing</c> on (section <c>Pacing</c>, keys <c>Typing*</c>): each send carries the
/// gateway's <c>delay</c>, <see cref="TypingPerCharacter"/> per character of the body within
/// [<see cref="TypingMin"/>, <see cref="TypingMax"/>] (<see cref="Domain.Pacing.TypingDelay"/>). The gateway holds the
/// request for the delay; the send's timeout is <c>Gateway:SendTimeout</c> (60 s) on top of it, and the typing counts
/// inside the gap between sends.
/// </summary>
internal sealed class TypingOptions
{
    public const string SectionName = "Pacing";

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
