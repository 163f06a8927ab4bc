using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>A preview: the first contacts' messages, the variables used, and the statistics of the list (<c>coverage</c> says whether of all of it).</summary>
internal sealed record PreviewResponse(
    IReadOnlyList<PreviewMessageResponse> Messages,
    IReadOnlyList<TemplateVariableResponse> Variables,
    VariationResponse Variation,
    PreviewCoverageResponse Coverage)
{
    public static PreviewResponse From(CampaignPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        return new(
            preview.Messages.Select(m => new PreviewMessageResponse(m.Phone, m.Line, m.Status, m.Text, m.Reason?.Code, m.Reason?.Message)).ToArray(),
            preview.Variables.Select(v => new TemplateVariableResponse(v.Name, v.Column ?? preview.PhoneColumn)).ToArray(),
            new VariationResponse(
                preview.Variation.OverLimit == 0,
                PrepareResultResponse.From(preview.Variation),
                preview.VariationError is null ? null : PrepareErrorResponse.From(preview.VariationError)),
            PreviewCoverageResponse.From(preview.Coverage));
    }
}
