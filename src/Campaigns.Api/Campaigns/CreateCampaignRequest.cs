using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>A new draft campaign.</summary>
/// <param name="Template">
/// A text message's template: Scriban over the list's columns (<c>{{ first_name }}</c>), with <c>{Hi|Hello}</c> choices and
/// <c>{{ pick ["a", "b"] }}</c>. Leave it out for a media message, whose caption is its template.
/// </param>
/// <param name="SenderIds">The tenant's senders to send from; may be left out while drafting.</param>
/// <param name="SendWindow">Default: 08:00–20:00 every day in each recipient's own time zone.</param>
/// <param name="StartAt">ISO-8601 with an offset (<c>2026-03-01T09:00:00+03:00</c> or <c>…Z</c>), not in the past. A string, not a
/// date-time, so that a time without an offset is refused rather than read in the server's zone. Default: when started.</param>
/// <param name="MaxIdentical">The most recipients one message text may go to; default 10.</param>
/// <param name="StopOnReply">When a number replies, skip this campaign's message to it if not yet sent; default false.</param>
internal sealed record CreateCampaignRequest(
    string? Name,
    Guid? ContactListId,
    string? Template = null,
    MediaRequest? Media = null,
    IReadOnlyList<Guid>? SenderIds = null,
    SendWindowRequest? SendWindow = null,
    string? StartAt = null,
    int? MaxIdentical = null,
    bool? StopOnReply = null)
{
    public CampaignDraft ToDraft() =>
        new(Name, ContactListId, Template, Media?.ToDraft(), SenderIds, SendWindow?.ToDraft(), StartAt, MaxIdentical, StopOnReply);
}
