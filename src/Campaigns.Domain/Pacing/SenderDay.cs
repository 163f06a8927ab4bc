using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// A sender's local day, the span of its daily cap: from local midnight to local midnight in the sender's IANA zone.
/// DST-safe: a spring-forward day lasts 23 hours and a fall-back day 25, and where a zone skips midnight itself the day
/// starts at its first instant (<see cref="DateTimeZone.AtStartOfDay"/>).
/// </summary>
public static class SenderDay
{
    /// <summary>The local date at <paramref name="at"/> in <paramref name="zone"/>.</summary>
    public static LocalDate Of(Instant at, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return at.InZone(zone).Date;
    }

    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/>.</summary>
    public static Instant StartOf(LocalDate day, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.AtStartOfDay(day).ToInstant();
    }

    /// <summary>The first instant of the day after <paramref name="day"/>: when a capped sender may send again.</summary>
    public static Instant StartOfNext(LocalDate day, DateTimeZone zone) => StartOf(day.PlusDays(1), zone);
}
