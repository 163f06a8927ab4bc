using Campaigns.Engine.Templates;

namespace Campaigns.Engine.Campaigns;

/// <summary>The outcome of preparing a whole list, kept with the campaign.</summary>
/// <param name="Recipients">Contacts of the list.</param>
/// <param name="Ready">Recipients with a message of their own (pending).</param>
/// <param name="Skipped">Recipients skipped with a reason: the render failed or came out empty, or the number is suppressed.</param>
/// <param name="OverLimit">Recipients left without a body under the limit (the rule does not hold when this is not 0).</param>
/// <param name="DistinctBodies">Distinct bodies among the ready messages.</param>
/// <param name="LargestShare">The most recipients sharing one body.</param>
internal sealed record PrepareResult(
    long Recipients, long Ready, long Skipped, long OverLimit, long DistinctBodies, int LargestShare, int MaxIdentical)
{
    /// <param name="suppressed">Recipients skipped before planning because their number is suppressed.</param>
    public static PrepareResult From(VariationSummary summary, long suppressed)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new PrepareResult(
            summary.Recipients + suppressed, summary.Ready, summary.Skipped + suppressed, summary.OverLimit,
            summary.DistinctBodies, summary.LargestShare, summary.MaxIdentical);
    }
}
