using Campaigns.Domain.Scheduling;

namespace Campaigns.Api.Campaigns;

/// <param name="Ranges">The ranges of each day, ordered by start.</param>
/// <param name="Start"><c>HH:mm</c>: the start of the only range; null when there are several (read <paramref name="Ranges"/>).</param>
/// <param name="End"><c>HH:mm</c>: the end of the only range; null when there are several.</param>
/// <param name="Days"><c>mon</c> … <c>sun</c>, Monday first.</param>
/// <param name="TimeZone">An IANA id, or <c>recipient</c>.</param>
internal sealed record SendWindowResponse(
    IReadOnlyList<SendWindowRangeResponse> Ranges,
    string? Start,
    string? End,
    IReadOnlyList<string> Days,
    string TimeZone)
{
    public static SendWindowResponse From(SendWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var ranges = window.Ranges.Select(r => new SendWindowRangeResponse(SendWindow.TimeText(r.Start), SendWindow.TimeText(r.End))).ToArray();

        // One range: start and end too, as before ranges existed, so that older clients keep reading the window.
        var single = ranges.Length == 1 ? ranges[0] : null;
        return new(ranges, single?.Start, single?.End, window.Days.Select(SendWindow.DayName).ToArray(), window.TimeZoneId);
    }
}
