using Campaigns.Domain.Scheduling;

namespace Campaigns.Api.Campaigns;

/// <summary>When a campaign may send. Each part left out takes its default.</summary>
/// <param name="Start"><c>HH:mm</c>, 24-hour clock; default <c>08:00</c>.</param>
/// <param name="End"><c>HH:mm</c>; default <c>20:00</c>. Before the start, the window runs through midnight.</param>
/// <param name="Days"><c>mon</c> … <c>sun</c>; default every day.</param>
/// <param name="TimeZone">An IANA time zone id such as <c>Africa/Nairobi</c>, or <c>recipient</c> (the default): each recipient's own.</param>
internal sealed record SendWindowRequest(string? Start = null, string? End = null, IReadOnlyList<string>? Days = null, string? TimeZone = null)
{
    public SendWindowDraft ToDraft() => new(Start, End, Days, TimeZone);
}
