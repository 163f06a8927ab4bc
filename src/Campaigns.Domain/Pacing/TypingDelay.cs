using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// Typing simulation: how long a sender "types" before a message leaves (the gateway's <c>delay</c>, during which it
/// shows "typing…" and holds the request). It grows with the body, as a person's would, within bounds: a fixed time
/// per character, clamped to [min, max]. The typing counts inside the gap between two sends (the gap runs from the
/// request, see <c>Pacing.Next</c>), so it never slows the day's pace.
/// </summary>
public static class TypingDelay
{
    /// <summary>The delay for a body of <paramref name="characters"/> UTF-16 characters (a caption's; 0 for none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative length or duration, or <paramref name="max"/> under <paramref name="min"/>.</exception>
    public static Duration For(int characters, Duration perCharacter, Duration min, Duration max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(characters);
        ArgumentOutOfRangeException.ThrowIfLessThan(perCharacter, Duration.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(min, Duration.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        var typed = perCharacter * characters;
        return typed < min ? min : typed > max ? max : typed;
    }
}
