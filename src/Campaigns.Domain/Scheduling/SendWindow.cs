using Campaigns.Domain.Common;
using NodaTime;
using NodaTime.Text;

namespace Campaigns.Domain.Scheduling;

/// <summary>
/// The hours in which a campaign may send (quiet hours are the rest): within any of <see cref="Ranges"/> on each of
/// <see cref="Days"/>, in <see cref="TimeZone"/> or, when that is null, in each recipient's own time zone. A range whose
/// end is before its start runs through midnight (22:00–06:00 opens on the days listed and closes the next morning); an
/// end of 00:00 means midnight. Ranges never overlap. The dispatcher never sends outside the window.
/// </summary>
public sealed record SendWindow
{
    /// <summary>The time-zone value meaning each recipient's own time zone.</summary>
    public const string RecipientTimeZone = "recipient";

    /// <summary>The most ranges a window may have in a day.</summary>
    public const int MaxRanges = 8;

    // Far enough ahead to hold the next change of any window: a week of days, a day either side, and a day a gap swallows.
    private const int SearchDays = 16;

    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("H:mm");

    private static readonly IsoDayOfWeek[] AllDays =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    private static readonly SendWindowRange DefaultRange = new(new LocalTime(8, 0), new LocalTime(20, 0));

    private SendWindow(IReadOnlyList<SendWindowRange> ranges, IReadOnlyList<IsoDayOfWeek> days, DateTimeZone? timeZone)
    {
        Ranges = ranges;
        Days = days;
        TimeZone = timeZone;
    }

    /// <summary>08:00 to 20:00 every day in each recipient's own time zone: the window of a campaign that names none.</summary>
    public static SendWindow Default { get; } = new([DefaultRange], AllDays, null);

    /// <summary>The ranges of each day, 1 to <see cref="MaxRanges"/>, ordered by start, none overlapping another.</summary>
    public IReadOnlyList<SendWindowRange> Ranges { get; }

    /// <summary>The days on which the window opens, Monday first, each once.</summary>
    public IReadOnlyList<IsoDayOfWeek> Days { get; }

    /// <summary>The campaign's time zone; null for each recipient's own.</summary>
    public DateTimeZone? TimeZone { get; }

    /// <summary>The IANA id of <see cref="TimeZone"/>, or <see cref="RecipientTimeZone"/>.</summary>
    public string TimeZoneId => TimeZone?.Id ?? RecipientTimeZone;

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
    public static Result<SendWindow> Create(IEnumerable<SendWindowRange> ranges, IEnumerable<IsoDayOfWeek> days, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(days);
        var errors = new List<Error>();
        var given = ranges.ToArray();
        for (var i = 0; i < given.Length; i++)
        {
            if (given[i].Start == given[i].End)
            {
                errors.Add(SendWindowErrors.Empty(SendWindowErrors.RangeField(i, "end")));
            }
        }

        var window = Build(CheckRanges(given, errors), days.Distinct().Order().ToArray(), timeZone, errors);
        return window is null ? errors[0] : window;
    }

    /// <summary>Whether <paramref name="local"/>, a time in the window's time zone, lies inside one of its ranges.</summary>
    public bool Contains(LocalDateTime local)
    {
        foreach (var range in Ranges)
        {
            if (range.Contains(local, Days))
            {
                return true;
            }
        }

        return false;
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
    /// first valid instant after the gap (03:00); one that a fall-back repeats opens at its first pass (and the window
    /// opens again when the clock goes back into a range). A range that falls wholly in a gap does not open that day.
    /// </summary>
    public Instant NextOpening(Instant after, DateTimeZone recipientZone)
    {
        ArgumentNullException.ThrowIfNull(recipientZone);
        if (IsOpen(after, recipientZone))
        {
            return after;
        }

        return NextChange(after, TimeZone ?? recipientZone, open: true)
            ?? throw new InvalidOperationException($"The window {string.Join(", ", Ranges)} never opens in {(TimeZone ?? recipientZone).Id}.");
    }

    /// <summary>
    /// The first instant at or after <paramref name="at"/> when the window is closed: <paramref name="at"/> itself when
    /// it is closed, else the end of the opening it is in (a range ending where the next one starts runs on into it; an
    /// end repeated by a fall-back closes at the first pass after <paramref name="at"/>). <see cref="Instant.MaxValue"/>
    /// when the window never closes (its ranges cover every hour of every day).
    /// </summary>
    public Instant NextClosing(Instant at, DateTimeZone recipientZone)
    {
        ArgumentNullException.ThrowIfNull(recipientZone);
        if (!IsOpen(at, recipientZone))
        {
            return at;
        }

        return NextChange(at, TimeZone ?? recipientZone, open: false) ?? Instant.MaxValue;
    }

    /// <summary>
    /// How much of the time from <paramref name="now"/> to <paramref name="until"/> the window is open: zero when
    /// <paramref name="until"/> is not after <paramref name="now"/>. Read in the campaign's time zone or, when it has
    /// none, in <paramref name="zone"/>.
    /// </summary>
    public Duration OpenTimeLeft(Instant now, DateTimeZone zone, Instant until)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var left = Duration.Zero;
        var at = now;
        while (at < until)
        {
            if (IsOpen(at, zone))
            {
                var closing = NextClosing(at, zone);
                var end = closing < until ? closing : until;
                left += end - at;
                at = end;
            }
            else
            {
                at = NextOpening(at, zone);
            }
        }

        return left;
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
        other is not null && Ranges.SequenceEqual(other.Ranges) && Days.SequenceEqual(other.Days) && TimeZoneId == other.TimeZoneId;

    public override int GetHashCode() => HashCode.Combine(Ranges.Count, Ranges[0], Days.Count, TimeZoneId);

    // The first instant after `from` at which the window is open (or closed, as `open` asks), or null when none comes
    // within SearchDays. The window changes only where the local clock reaches a range's start or end or where the zone's
    // offset changes, so the first such instant in the wanted state is the answer.
    private Instant? NextChange(Instant from, DateTimeZone zone, bool open)
    {
        Instant? best = null;
        var first = from.InZone(zone).Date.PlusDays(-1);
        for (var day = first; day <= first.PlusDays(SearchDays); day = day.PlusDays(1))
        {
            if (best is { } found && zone.AtStartOfDay(day).ToInstant() > found)
            {
                break;
            }

            foreach (var candidate in Boundaries(day, zone))
            {
                if (candidate > from && (best is null || candidate < best) && Contains(candidate.InZone(zone).LocalDateTime) == open)
                {
                    best = candidate;
                }
            }
        }

        return best;
    }

    // Every instant of local day `day` at which the window may open or close: each pass of a range's start or end, and
    // each change of the zone's offset (a start a gap skips opens when the gap ends).
    private IEnumerable<Instant> Boundaries(LocalDate day, DateTimeZone zone)
    {
        foreach (var range in Ranges)
        {
            for (var edge = 0; edge < 2; edge++)
            {
                var mapping = zone.MapLocal(day.At(edge == 0 ? range.Start : range.End));
                if (mapping.Count > 0)
                {
                    yield return mapping.First().ToInstant();
                }

                if (mapping.Count > 1)
                {
                    yield return mapping.Last().ToInstant();
                }
            }
        }

        var dayStart = zone.AtStartOfDay(day).ToInstant();
        var dayEnd = zone.AtStartOfDay(day.PlusDays(1)).ToInstant();
        for (var interval = zone.GetZoneInterval(dayStart); interval.HasEnd && interval.End < dayEnd; interval = zone.GetZoneInterval(interval.End))
        {
            yield return interval.End;
        }
    }

    private static SendWindow? Build(SendWindowDraft draft, out List<Error> errors)
    {
        ArgumentNullException.ThrowIfNull(draft);
        errors = [];
        var ranges = draft.Ranges is null ? ParseSingleRange(draft, errors) : ParseRanges(draft, errors);
        var days = ParseDays(draft.Days, errors);
        return Build(ranges, days, draft.TimeZone, errors);
    }

    private static SendWindow? Build(SendWindowRange[]? ranges, IReadOnlyList<IsoDayOfWeek>? days, string? timeZone, List<Error> errors)
    {
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

        return errors.Count > 0 ? null : new SendWindow(ranges!.OrderBy(r => r.Start).ToArray(), days!, zone);
    }

    // The older form: one range from Start and End, each defaulting to the default window's.
    private static SendWindowRange[]? ParseSingleRange(SendWindowDraft draft, List<Error> errors)
    {
        var start = ParseTime(draft.Start, DefaultRange.Start, SendWindowErrors.StartField, errors);
        var end = ParseTime(draft.End, DefaultRange.End, SendWindowErrors.EndField, errors);
        if (start is not { } s || end is not { } e)
        {
            return null;
        }

        if (s == e)
        {
            errors.Add(SendWindowErrors.Empty());
            return null;
        }

        return [new SendWindowRange(s, e)];
    }

    private static SendWindowRange[]? ParseRanges(SendWindowDraft draft, List<Error> errors)
    {
        if (!string.IsNullOrWhiteSpace(draft.Start) || !string.IsNullOrWhiteSpace(draft.End))
        {
            errors.Add(SendWindowErrors.BothForms());
            return null;
        }

        var ranges = new SendWindowRange[draft.Ranges!.Count];
        var valid = true;
        for (var i = 0; i < ranges.Length; i++)
        {
            var given = draft.Ranges[i];
            var start = ParseRequiredTime(given?.Start, SendWindowErrors.RangeField(i, "start"), errors);
            var end = ParseRequiredTime(given?.End, SendWindowErrors.RangeField(i, "end"), errors);
            if (start is { } s && end is { } e && s != e)
            {
                ranges[i] = new SendWindowRange(s, e);
                continue;
            }

            if (start is { } s2 && end is { } e2 && s2 == e2)
            {
                errors.Add(SendWindowErrors.Empty(SendWindowErrors.RangeField(i, "end")));
            }

            valid = false;
        }

        return valid ? CheckRanges(ranges, errors) : null;
    }

    // The count and the overlaps of ranges that each read well; null (and errors) when they do not hold together.
    private static SendWindowRange[]? CheckRanges(SendWindowRange[] ranges, List<Error> errors)
    {
        var before = errors.Count;
        if (ranges.Length == 0)
        {
            errors.Add(SendWindowErrors.NoRanges());
        }
        else if (ranges.Length > MaxRanges)
        {
            errors.Add(SendWindowErrors.TooManyRanges(ranges.Length));
            return null;
        }

        for (var i = 1; i < ranges.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (ranges[i].Overlaps(ranges[j]))
                {
                    errors.Add(SendWindowErrors.Overlap(i, ranges[i], j, ranges[j]));
                    break;
                }
            }
        }

        return errors.Count == before ? ranges : null;
    }

    private static LocalTime? ParseRequiredTime(string? text, string field, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(SendWindowErrors.MissingTime(field));
            return null;
        }

        return ParseTime(text, default, field, errors);
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
