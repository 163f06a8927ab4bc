using Campaigns.Domain.Scheduling;

namespace Campaigns.Api.Campaigns;

/// <param name="Start"><c>HH:mm</c>.</param>
/// <param name="End"><c>HH:mm</c>; before <paramref name="Start"/> when the window runs through midnight.</param>
/// <param name="Days"><c>mon</c> … <c>sun</c>, Monday first.</param>
/// <param name="TimeZone">An IANA id, or <c>recipient</c>.</param>
internal sealed record SendWindowResponse(string Start, string End, IReadOnlyList<string> Days, string TimeZone)
{
    public static SendWindowResponse From(SendWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return new(SendWindow.TimeText(window.Ranges[0].Start), SendWindow.TimeText(window.Ranges[0].End), window.Days.Select(SendWindow.DayName).ToArray(), window.TimeZoneId);
    }
}
