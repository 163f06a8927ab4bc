using Campaigns.Domain.Scheduling;

namespace Campaigns.Api.Campaigns;

/// <summary>One range of a day's send window; both parts are required.</summary>
/// <param name="Start"><c>HH:mm</c>, 24-hour clock, e.g. <c>09:00</c>.</param>
/// <param name="End"><c>HH:mm</c>; not after the start, the range runs through midnight.</param>
internal sealed record SendWindowRangeRequest(string? Start = null, string? End = null)
{
    public SendWindowRangeDraft ToDraft() => new(Start, End);
}
