using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// A sender that has just reconnected ramps up instead of resuming at full rate: for <c>ramp</c> after
/// <c>reconnectedAt</c> its gaps are multiplied by a factor falling linearly from <c>slowdown</c> to 1.
/// </summary>
public static class ReconnectRamp
{
    /// <summary>
    /// The factor at <paramref name="at"/>: <paramref name="slowdown"/> at the reconnect, 1 from
    /// <paramref name="reconnectedAt"/> + <paramref name="ramp"/> on (and 1 with no reconnect, or a zero ramp).
    /// </summary>
    public static double Factor(Instant? reconnectedAt, Instant at, Duration ramp, double slowdown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slowdown, 1);
        if (reconnectedAt is not { } since || ramp <= Duration.Zero || at < since || at >= since + ramp)
        {
            return 1;
        }

        var left = 1 - ((at - since) / ramp);
        return 1 + ((slowdown - 1) * left);
    }
}
