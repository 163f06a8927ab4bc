namespace Campaigns.Api.Campaigns;

/// <summary>The variation statistics of the whole list, and whether the rule would hold if the campaign were prepared.</summary>
/// <param name="Statistics">The list as preparing would plan it.</param>
/// <param name="Shortfall">When the rule cannot hold: the distinct texts needed and how many the template can make.</param>
internal sealed record VariationResponse(bool RuleHolds, PrepareResultResponse Statistics, PrepareErrorResponse? Shortfall);
