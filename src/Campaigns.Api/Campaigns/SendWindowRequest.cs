using Campaigns.Domain.Scheduling;

namespace Campaigns.Api.Campaigns;

/// <summary>
/// When a campaign may send. Each part left out takes its default. The hours are either <c>ranges</c> or, the older
/// form, one range as <c>start</c> and <c>end</c>; not both.
/// </summary>
/// <param name="Start"><c>HH:mm</c>, 24-hour clock; default <c>08:00</c>. One range; use <c>ranges</c> for several.</param>
/// <param name="End"><c>HH:mm</c>; default <c>20:00</c>. Before the start, the window runs through midnight.</param>
/// <param name="Days"><c>mon</c> … <c>sun</c>; default every day.</param>
/// <param name="TimeZone">An IANA time zone id such as <c>Africa/Nairobi</c>, or <c>recipient</c> (the default): each recipient's own.</param>
/// <param name="Ranges">1 to 8 ranges a day, not overlapping, e.g. 09:00–12:00 and 14:00–18:00.</param>
internal sealed record SendWindowRequest(
    string? Start = null,
    string? End = null,
    IReadOnlyList<string>? Days = null,
    string? TimeZone = null,
    IReadOnlyList<SendWindowRangeRequest>? Ranges = null)
{
    public SendWindowDraft ToDraft() => new(Start, End, Days, TimeZone, Ranges?.Select(r => r?.ToDraft()!).ToArray());
}
