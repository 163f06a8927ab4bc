using System.Globalization;
using Campaigns.Domain.Common;

namespace Campaigns.Domain.Scheduling;

/// <summary>The ways a send window can be wrong; each names the field at fault.</summary>
public static class SendWindowErrors
{
    public const string StartField = "sendWindow.start";
    public const string EndField = "sendWindow.end";
    public const string DaysField = "sendWindow.days";
    public const string TimeZoneField = "sendWindow.timeZone";
    public const string RangesField = "sendWindow.ranges";

    /// <summary>The field of one part of a range: <c>sendWindow.ranges[1].end</c>.</summary>
    public static string RangeField(int index, string part) =>
        string.Create(CultureInfo.InvariantCulture, $"{RangesField}[{index}].{part}");

    public static Error InvalidTime(string field, string text) => new(
        "send_window.invalid_time",
        $"'{text}' is not a time of day: write it as HH:mm on the 24-hour clock, such as 08:00 or 20:30.",
        field);

    public static Error MissingTime(string field) => new(
        "send_window.missing_time", "Each range needs both its start and its end, as HH:mm, such as 09:00 and 12:00.", field);

    public static Error Empty() => Empty(EndField);

    public static Error Empty(string field) => new(
        "send_window.empty",
        "The window starts and ends at the same time, so it never opens: give different times (an end before the start runs through midnight).",
        field);

    public static Error NoRanges() => new(
        "send_window.no_ranges", "The window has no range: give at least one, such as {\"start\":\"09:00\",\"end\":\"18:00\"}.", RangesField);

    public static Error TooManyRanges(int count) => new(
        "send_window.too_many_ranges",
        string.Create(CultureInfo.InvariantCulture, $"The window has {count} ranges; at most {SendWindow.MaxRanges} are allowed."),
        RangesField);

    public static Error Overlap(int index, SendWindowRange range, int otherIndex, SendWindowRange other) => new(
        "send_window.overlapping_ranges",
        string.Create(CultureInfo.InvariantCulture, $"The range {range} overlaps the range {other} (ranges[{otherIndex}]): ranges of a day must not share any time."),
        RangeField(index, "start"));

    public static Error BothForms() => new(
        "send_window.both_forms",
        "Give the hours either as 'ranges' or as 'start' and 'end' (one range), not both.",
        RangesField);

    public static Error NoDays() => new(
        "send_window.no_days", "The window opens on no day: name at least one of mon, tue, wed, thu, fri, sat, sun.", DaysField);

    public static Error UnknownDay(string text) => new(
        "send_window.unknown_day", $"'{text}' is not a day: use mon, tue, wed, thu, fri, sat or sun.", DaysField);

    public static Error UnknownTimeZone(string text) => new(
        "send_window.unknown_time_zone",
        $"'{text}' is not an IANA time zone id such as Africa/Nairobi or Europe/London; write 'recipient' to use each recipient's own time zone.",
        TimeZoneField);
}
