using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Templates;

/// <summary>The outcome of preparing (or previewing) a whole list.</summary>
/// <param name="DistinctBodies">Distinct bodies among the ready messages.</param>
/// <param name="LargestShare">The largest number of recipients sharing one body; never more than <paramref name="MaxIdentical"/>.</param>
/// <param name="Shortfall">Null when the rule holds.</param>
internal sealed record VariationSummary(
    long Recipients,
    long Ready,
    long Skipped,
    long OverLimit,
    long DistinctBodies,
    int LargestShare,
    int MaxIdentical,
    VariationShortfall? Shortfall)
{
    /// <summary>Whether every recipient who is not skipped has a body that goes to at most <see cref="MaxIdentical"/> recipients.</summary>
    public bool RuleHolds => OverLimit == 0;

    /// <summary>The error that keeps the campaign a draft, or null when the rule holds.</summary>
    public Error? ToError() => Shortfall is { } s
        ? TemplateErrors.VariationUnreachable(s.Recipients, s.NeededBodies, s.PossibleBodies, MaxIdentical, OverLimit)
        : null;
}
