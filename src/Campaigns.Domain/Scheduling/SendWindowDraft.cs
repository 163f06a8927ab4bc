namespace Campaigns.Domain.Scheduling;

/// <summary>
/// A send window as a caller writes it, not yet checked (<see cref="SendWindow.Check"/> names everything wrong). Each
/// part left out takes its default: 08:00 to 20:00, every day, in each recipient's own time zone. The hours are given
/// either as <paramref name="Ranges"/> or, the older form, as one range in <paramref name="Start"/> and
/// <paramref name="End"/>; not both.
/// </summary>
/// <param name="Start">When sending may begin each day, <c>HH:mm</c> (24-hour clock), e.g. <c>08:00</c>.</param>
/// <param name="End">When sending stops, <c>HH:mm</c>; earlier than <paramref name="Start"/> for a window through midnight.</param>
/// <param name="Days">The days the window opens: <c>mon</c> … <c>sun</c> (or full names), in any case.</param>
/// <param name="TimeZone">An IANA time zone id (<c>Africa/Nairobi</c>) or <c>recipient</c>: each recipient's own.</param>
/// <param name="Ranges">1 to <see cref="SendWindow.MaxRanges"/> ranges a day (e.g. 09:00–12:00 and 14:00–18:00), not overlapping.</param>
public sealed record SendWindowDraft(
    string? Start = null,
    string? End = null,
    IReadOnlyList<string>? Days = null,
    string? TimeZone = null,
    IReadOnlyList<SendWindowRangeDraft>? Ranges = null);
