using Campaigns.Domain.Common;

namespace Campaigns.Domain.Scheduling;

/// <summary>The ways a send window can be wrong; each names the field at fault.</summary>
public static class SendWindowErrors
{
    public const string StartField = "sendWindow.start";
    public const string EndField = "sendWindow.end";
    public const string DaysField = "sendWindow.days";
    public const string TimeZoneField = "sendWindow.timeZone";

    public static Error InvalidTime(string field, string text) => new(
        "send_window.invalid_time",
        $"'{text}' is not a time of day: write it as HH:mm on the 24-hour clock, such as 08:00 or 20:30.",
        field);

    public static Error Empty() => new(
        "send_window.empty",
        "The window starts and ends at the same time, so it never opens: give different times (an end before the start runs through midnight).",
        EndField);

    public static Error NoDays() => new(
        "send_window.no_days", "The window opens on no day: name at least one of mon, tue, wed, thu, fri, sat, sun.", DaysField);

    public static Error UnknownDay(string text) => new(
        "send_window.unknown_day", $"'{text}' is not a day: use mon, tue, wed, thu, fri, sat or sun.", DaysField);

    public static Error UnknownTimeZone(string text) => new(
        "send_window.unknown_time_zone",
        $"'{text}' is not an IANA time zone id such as Africa/Nairobi or Europe/London; write 'recipient' to use each recipient's own time zone.",
        TimeZoneField);
}
