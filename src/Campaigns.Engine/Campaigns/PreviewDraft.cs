using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Campaigns;

/// <summary>What to preview: a template (or media with a caption) over a list, not yet checked.</summary>
/// <param name="Count">How many of the list's first contacts (in phone order) to render; clamped to 1–50, default 5.</param>
/// <param name="MaxIdentical">The limit the statistics plan for; null: the default (10).</param>
/// <param name="CampaignId">A campaign whose id seeds the choices, so that the preview shows what preparing it will store; null: the list's id.</param>
internal sealed record PreviewDraft(
    Guid? ContactListId,
    string? Template,
    MediaDraft? Media = null,
    int? Count = null,
    int? MaxIdentical = null,
    Guid? CampaignId = null)
{
    public const int DefaultCount = 5;
    public const int MaxCount = 50;
}
