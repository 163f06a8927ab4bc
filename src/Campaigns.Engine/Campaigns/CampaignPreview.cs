using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Campaigns;

/// <summary>A preview: the first contacts' messages, the variables the template reads, and the statistics of the list (or of a sample of it).</summary>
/// <param name="PhoneColumn">The list's phone column, where the <c>phone</c> variable's values come from (as E.164).</param>
/// <param name="Variation">The list planned as preparing would plan it (suppressed numbers counted as skipped), as far as <paramref name="Coverage"/> says.</param>
/// <param name="VariationError">Why preparing would send the campaign back to draft (the variation rule cannot hold); null when it holds for the contacts planned.</param>
internal sealed record CampaignPreview(
    IReadOnlyList<PreviewMessage> Messages,
    IReadOnlyList<TemplateVariable> Variables,
    string PhoneColumn,
    PrepareResult Variation,
    Error? VariationError,
    PreviewCoverage Coverage);
