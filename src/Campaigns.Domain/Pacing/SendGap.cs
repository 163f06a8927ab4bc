using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// The gap between two sends of one number: the floor, max(<see cref="SenderSettings.MinInterval"/>, 1,000 ms), plus a
/// jitter drawn uniformly in [<see cref="SenderSettings.JitterMin"/>, <see cref="SenderSettings.JitterMax"/>]. The floor
/// is applied again here, not only when settings are checked, so that no gap is ever under one second.
/// </summary>
public static class SendGap
{
    /// <summary>The least factor the spread profile draws for its even gap: 0.7.</summary>
    public const double SpreadJitterMin = 0.7;

    /// <summary>The greatest factor the spread profile draws for its even gap: 1.3 (excluded).</summary>
    public const double SpreadJitterMax = 1.3;

    private const long NanosecondsPerMicrosecond = 1000;

    /// <summary>The least gap the settings allow: max(<see cref="SenderSettings.MinInterval"/>, <see cref="SenderSettings.Floor"/>).</summary>
    public static Duration Floor(SenderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Duration.Max(settings.MinInterval, SenderSettings.Floor);
    }

    /// <summary>The mean gap: the floor plus the middle of the jitter range (what an estimate of a day's sends uses).</summary>
    public static Duration Mean(SenderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Floor(settings) + ((settings.JitterMin + settings.JitterMax) / 2);
    }

    /// <summary>
    /// A gap drawn from <paramref name="random"/>: the floor plus <c>JitterMin + draw × (JitterMax − JitterMin)</c>,
    /// rounded to the microsecond (PostgreSQL's resolution, so a stored time is the drawn one). A draw of 0 gives
    /// exactly the floor plus <c>JitterMin</c>, a draw just under 1 gives the floor plus <c>JitterMax</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The source drew outside [0, 1).</exception>
    public static Duration Draw(SenderSettings settings, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        var draw = random.NextDouble();
        if (draw is < 0 or >= 1 || double.IsNaN(draw))
        {
            throw new ArgumentOutOfRangeException(nameof(random), draw, "A random source must draw in [0, 1).");
        }

        var range = (settings.JitterMax - settings.JitterMin).ToInt64Nanoseconds() / NanosecondsPerMicrosecond;
        var jitter = settings.JitterMin + Duration.FromNanoseconds((long)Math.Round(range * draw) * NanosecondsPerMicrosecond);
        return Floor(settings) + jitter;
    }

    /// <summary>
    /// The gap planned after a send, by <paramref name="profile"/>. <see cref="PacingProfile.Floor"/>: a drawn gap
    /// (<see cref="Draw"/>). <see cref="PacingProfile.Spread"/>: the open time left ÷ (budget left + 1), so the day's
    /// budget ends about one gap before the window's last closing of the day, times a factor drawn uniformly in
    /// [<see cref="SpreadJitterMin"/>, <see cref="SpreadJitterMax"/>), and never under the drawn gap (the floor plus the
    /// jitter). Without open time or budget left the spread has nothing to spread and the drawn gap applies (the cap or
    /// the window then makes the number wait). Either gap is then multiplied by <paramref name="slowdown"/> (1: none;
    /// see <see cref="ReconnectRamp"/>) and rounded to the microsecond.
    /// </summary>
    /// <param name="left">What is left of the day after the send; ignored by the floor profile.</param>
    public static Duration Plan(SenderSettings settings, PacingProfile profile, DayLeft? left, double slowdown, IRandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slowdown, 1);
        var gap = Draw(settings, random);
        if (profile is PacingProfile.Spread && left is { Budget: > 0 } day && day.OpenTime > Duration.Zero)
        {
            var factor = SpreadJitterMin + ((SpreadJitterMax - SpreadJitterMin) * random.NextDouble());
            gap = Duration.Max(Round(day.OpenTime / (day.Budget + 1) * factor), gap);
        }

        return slowdown == 1 ? gap : Round(gap * slowdown);
    }

    private static Duration Round(Duration duration) =>
        Duration.FromNanoseconds((long)Math.Round(duration.ToInt64Nanoseconds() / (double)NanosecondsPerMicrosecond) * NanosecondsPerMicrosecond);
}
