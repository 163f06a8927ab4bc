using Campaigns.Domain.Common;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Campaigns.Domain.Scheduling;

/// <summary>
/// The hours in which a campaign may send (quiet hours are the rest): from <see cref="Start"/> to <see cref="End"/> on
/// each of <see cref="Days"/>, in <see cref="TimeZone"/> or, when that is null, in each recipient's own time zone.
/// An <see cref="End"/> before <see cref="Start"/> runs through midnight (22:00–06:00 opens on the days listed and
/// closes the next morning); an end of 00:00 means midnight. The dispatcher never sends outside it.
/// </summary>
public sealed record SendWindow
{
    /// <summary>The time-zone value meaning each recipient's own time zone.</summary>
    public const string RecipientTimeZone = "recipient";

    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("H:mm");

    // An opening skipped by a gap opens when the gap ends; one repeated by an overlap opens at its first pass.
    private static readonly ZoneLocalMappingResolver OpeningResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private static readonly IsoDayOfWeek[] AllDays =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    private SendWindow(LocalTime start, LocalTime end, IReadOnlyList<IsoDayOfWeek> days, DateTimeZone? timeZone)
    {
        Start = start;
        End = end;
        Days = days;
        TimeZone = timeZone;
    }

    /// <summary>08:00 to 20:00 every day in each recipient's own time zone: the window of a campaign that names none.</summary>
    public static SendWindow Default { get; } = new(new LocalTime(8, 0), new LocalTime(20, 0), AllDays, null);

    public LocalTime Start { get; }

    public LocalTime End { get; }

    /// <summary>The days on which the window opens, Monday first, each once.</summary>
    public IReadOnlyList<IsoDayOfWeek> Days { get; }

    /// <summary>The campaign's time zone; null for each recipient's own.</summary>
    public DateTimeZone? TimeZone { get; }

    /// <summary>The IANA id of <see cref="TimeZone"/>, or <see cref="RecipientTimeZone"/>.</summary>
    public string TimeZoneId => TimeZone?.Id ?? RecipientTimeZone;

    /// <summary>Whether the window runs through midnight.</summary>
    public bool IsOvernight => End < Start;

    /// <summary>Every problem of <paramref name="draft"/> at once; empty when it is good.</summary>
    public static IReadOnlyList<Error> Check(SendWindowDraft draft)
    {
        Build(draft, out var errors);
        return errors;
    }

    /// <summary>The checked window, or the first problem; use <see cref="Check"/> to report them all.</summary>
    public static Result<SendWindow> Parse(SendWindowDraft draft)
    {
        var window = Build(draft, out var errors);
        return window is null ? errors[0] : window;
    }

    /// <summary>A window from stored parts (a time-zone id or <see cref="RecipientTimeZone"/>), checked as <see cref="Parse"/> checks.</summary>
    public static Result<SendWindow> Create(LocalTime start, LocalTime end, IEnumerable<IsoDayOfWeek> days, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(days);
        var errors = new List<Error>();
        var window = Build(start, end, days.Distinct().Order().ToArray(), timeZone, errors);
        return window is null ? errors[0] : window;
    }

    /// <summary>Whether <paramref name="local"/>, a time in the window's time zone, lies inside the window.</summary>
    public bool Contains(LocalDateTime local)
    {
        var time = local.TimeOfDay;
        if (!IsOvernight)
        {
            return Days.Contains(local.DayOfWeek) && time >= Start && time < End;
        }

        // Through midnight: the evening part belongs to the day it opens, the morning part to the day before.
        return (Days.Contains(local.DayOfWeek) && time >= Start)
            || (Days.Contains(local.Date.PlusDays(-1).DayOfWeek) && time < End);
    }

    /// <summary>
    /// Whether the window is open at <paramref name="at"/>: in the campaign's time zone when it has one, else in
    /// <paramref name="recipientZone"/>. Read on the local clock, so both passes of a fall-back hour are in or out alike.
    /// </summary>
    public bool IsOpen(Instant at, DateTimeZone recipientZone)
    {
        ArgumentNullException.ThrowIfNull(recipientZone);
        return Contains(at.InZone(TimeZone ?? recipientZone).LocalDateTime);
    }

    /// <summary>
    /// The first instant at or after <paramref name="after"/> when the window is open (<paramref name="after"/> itself
    /// when it is). An opening time that a spring-forward gap skips (02:30 on a New York spring-forward day) opens at the
    /// first valid instant after the gap (03:00); one that a fall-back repeats opens at its first pass. A day whose
    /// whole window falls in a gap does not open.
    /// </summary>
    public Instant NextOpening(Instant after, DateTimeZone recipientZone)
    {
        ArgumentNullException.ThrowIfNull(recipientZone);
        if (IsOpen(after, recipientZone))
        {
            return after;
        }

        var zone = TimeZone ?? recipientZone;
        var date = after.InZone(zone).Date;

        // Openings are at Start on the days listed; a week (plus a day for a gap swallowing one) always holds one.
        for (var day = date; day <= date.PlusDays(14); day = day.PlusDays(1))
        {
            if (!Days.Contains(day.DayOfWeek))
            {
                continue;
            }

            var opening = zone.ResolveLocal(day.At(Start), OpeningResolver).ToInstant();
            if (opening > after && IsOpen(opening, recipientZone))
            {
                return opening;
            }
        }

        throw new InvalidOperationException($"The window {TimeText(Start)}–{TimeText(End)} never opens in {zone.Id}.");
    }

    /// <summary>
    /// The first instant at or after <paramref name="at"/> when the window is closed: <paramref name="at"/> itself when
    /// it is closed, else the end of the opening it is in (resolved as <see cref="NextOpening"/> resolves a start).
    /// </summary>
    public Instant NextClosing(Instant at, DateTimeZone recipientZone)
    {
        ArgumentNullException.ThrowIfNull(recipientZone);
        if (!IsOpen(at, recipientZone))
        {
            return at;
        }

        var zone = TimeZone ?? recipientZone;
        var local = at.InZone(zone).LocalDateTime;

        // Open through midnight: the evening part closes tomorrow at End, the morning part today.
        var closingDay = IsOvernight && local.TimeOfDay >= Start ? local.Date.PlusDays(1) : local.Date;
        var closing = zone.ResolveLocal(closingDay.At(End), OpeningResolver).ToInstant();
        return closing > at ? closing : at;
    }

    /// <summary>The short name of a day, as the API writes it: <c>mon</c> … <c>sun</c>.</summary>
    public static string DayName(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => "mon",
        IsoDayOfWeek.Tuesday => "tue",
        IsoDayOfWeek.Wednesday => "wed",
        IsoDayOfWeek.Thursday => "thu",
        IsoDayOfWeek.Friday => "fri",
        IsoDayOfWeek.Saturday => "sat",
        IsoDayOfWeek.Sunday => "sun",
        _ => throw new ArgumentOutOfRangeException(nameof(day), day, null),
    };

    /// <summary>The time as the API writes it: <c>HH:mm</c>.</summary>
    public static string TimeText(LocalTime time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public bool Equals(SendWindow? other) =>
        other is not null && Start == other.Start && End == other.End && Days.SequenceEqual(other.Days) && TimeZoneId == other.TimeZoneId;

    public override int GetHashCode() => HashCode.Combine(Start, End, Days.Count, TimeZoneId);

    private static SendWindow? Build(SendWindowDraft draft, out List<Error> errors)
    {
        ArgumentNullException.ThrowIfNull(draft);
        errors = [];
        var start = ParseTime(draft.Start, Default.Start, SendWindowErrors.StartField, errors);
        var end = ParseTime(draft.End, Default.End, SendWindowErrors.EndField, errors);
        var days = ParseDays(draft.Days, errors);
        return Build(start, end, days, draft.TimeZone, errors);
    }

    private static SendWindow? Build(LocalTime? start, LocalTime? end, IReadOnlyList<IsoDayOfWeek>? days, string? timeZone, List<Error> errors)
    {
        if (start is { } s && end is { } e && s == e)
        {
            errors.Add(SendWindowErrors.Empty());
        }

        if (days is { Count: 0 })
        {
            errors.Add(SendWindowErrors.NoDays());
        }

        DateTimeZone? zone = null;
        if (!string.IsNullOrWhiteSpace(timeZone) && !string.Equals(timeZone.Trim(), RecipientTimeZone, StringComparison.OrdinalIgnoreCase))
        {
            zone = FindZone(timeZone.Trim());
            if (zone is null)
            {
                errors.Add(SendWindowErrors.UnknownTimeZone(timeZone));
            }
        }

        return errors.Count > 0 ? null : new SendWindow(start!.Value, end!.Value, days!, zone);
    }

    private static LocalTime? ParseTime(string? text, LocalTime fallback, string field, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var result = TimePattern.Parse(text.Trim());
        if (result.Success)
        {
            return result.Value;
        }

        errors.Add(SendWindowErrors.InvalidTime(field, text));
        return null;
    }

    private static IsoDayOfWeek[]? ParseDays(IReadOnlyList<string>? texts, List<Error> errors)
    {
        if (texts is null)
        {
            return AllDays;
        }

        var days = new SortedSet<IsoDayOfWeek>();
        var valid = true;
        foreach (var text in texts)
        {
            var day = (text ?? "").Trim().ToLowerInvariant() switch
            {
                "mon" or "monday" => IsoDayOfWeek.Monday,
                "tue" or "tuesday" => IsoDayOfWeek.Tuesday,
                "wed" or "wednesday" => IsoDayOfWeek.Wednesday,
                "thu" or "thursday" => IsoDayOfWeek.Thursday,
                "fri" or "friday" => IsoDayOfWeek.Friday,
                "sat" or "saturday" => IsoDayOfWeek.Saturday,
                "sun" or "sunday" => IsoDayOfWeek.Sunday,
                _ => IsoDayOfWeek.None,
            };
            if (day == IsoDayOfWeek.None)
            {
                errors.Add(SendWindowErrors.UnknownDay(text ?? ""));
                valid = false;
            }
            else
            {
                days.Add(day);
            }
        }

        return valid ? days.ToArray() : null;
    }

    /// <summary>The IANA zone with that id; ids are matched ignoring case (<c>africa/nairobi</c> is Africa/Nairobi).</summary>
    private static DateTimeZone? FindZone(string id)
    {
        var provider = DateTimeZoneProviders.Tzdb;
        if (provider.GetZoneOrNull(id) is { } exact)
        {
            return exact;
        }

        var match = provider.Ids.FirstOrDefault(known => string.Equals(known, id, StringComparison.OrdinalIgnoreCase));
        return match is null ? null : provider[match];
    }
}
