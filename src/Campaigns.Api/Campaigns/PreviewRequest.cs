using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>A template (or media with a caption) to try on a list.</summary>
/// <param name="Count">How many of the list's first contacts (in phone order) to render: 1 to 50, default 5 (clamped).</param>
/// <param name="MaxIdentical">The limit the statistics plan for; default 10.</param>
/// <param name="CampaignId">A campaign whose choices to show: its id seeds them, so the preview shows what preparing it will store.</param>
internal sealed record PreviewRequest(
    Guid? ContactListId,
    string? Template = null,
    MediaRequest? Media = null,
    int? Count = null,
    int? MaxIdentical = null,
    Guid? CampaignId = null)
{
    public PreviewDraft ToDraft() => new(ContactListId, Template, Media?.ToDraft(), Count, MaxIdentical, CampaignId);
}
