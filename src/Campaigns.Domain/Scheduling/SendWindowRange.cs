using NodaTime;

namespace Campaigns.Domain.Scheduling;

/// <summary>
/// One range of a <see cref="SendWindow"/>'s day: open from <see cref="Start"/> (included) to <see cref="End"/>
/// (excluded) on the local clock. An <see cref="End"/> not after <see cref="Start"/> runs through midnight (22:00–06:00
/// opens on the window's days and closes the next morning); an end of 00:00 means midnight. A window holds only ranges
/// it has checked (not empty, not overlapping each other); <c>default</c> (00:00–00:00) is not one of them.
/// </summary>
public readonly record struct SendWindowRange
{
    public SendWindowRange(LocalTime start, LocalTime end)
    {
        Start = start;
        End = end;
    }

    public LocalTime Start { get; }

    public LocalTime End { get; }

    /// <summary>Whether the range runs through midnight (its end is not after its start).</summary>
    public bool IsOvernight => End <= Start;

    /// <summary>
    /// Whether <paramref name="local"/> lies in this range on one of <paramref name="days"/>: the evening part of a range
    /// through midnight belongs to the day it opens, the morning part to the day before.
    /// </summary>
    public bool Contains(LocalDateTime local, IReadOnlyList<IsoDayOfWeek> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var time = local.TimeOfDay;
        if (!IsOvernight)
        {
            return time >= Start && time < End && days.Contains(local.DayOfWeek);
        }

        return (time >= Start && days.Contains(local.DayOfWeek))
            || (time < End && days.Contains(local.Date.PlusDays(-1).DayOfWeek));
    }

    /// <summary>Whether the two ranges share a moment of the clock (on days both open, as every window's ranges share its days).</summary>
    public bool Overlaps(SendWindowRange other)
    {
        foreach (var (start, end) in Spans())
        {
            foreach (var (otherStart, otherEnd) in other.Spans())
            {
                if (start < otherEnd && otherStart < end)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public override string ToString() => $"{SendWindow.TimeText(Start)}–{SendWindow.TimeText(End)}";

    // The range as spans of nanoseconds of the day: one, or two for a range through midnight.
    private IEnumerable<(long Start, long End)> Spans()
    {
        const long day = NodaConstants.NanosecondsPerDay;
        if (!IsOvernight)
        {
            yield return (Start.NanosecondOfDay, End.NanosecondOfDay);
            yield break;
        }

        yield return (Start.NanosecondOfDay, day);
        if (End.NanosecondOfDay > 0)
        {
            yield return (0, End.NanosecondOfDay);
        }
    }
}
