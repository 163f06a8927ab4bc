using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>The variation statistics of a whole list, as preparing plans it.</summary>
/// <param name="Ready">Recipients with a message of their own.</param>
/// <param name="Skipped">Recipients whose render failed or came out empty, or whose number is suppressed.</param>
/// <param name="OverLimit">Recipients left without a text under the limit: the rule holds only when this is 0.</param>
/// <param name="DistinctBodies">Distinct message texts (compared normalised: case, spacing and invisible characters do not count).</param>
/// <param name="LargestShare">The most recipients sharing one text.</param>
internal sealed record PrepareResultResponse(
    long Recipients, long Ready, long Skipped, long OverLimit, long DistinctBodies, int LargestShare, int MaxIdentical)
{
    public static PrepareResultResponse From(PrepareResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Recipients, result.Ready, result.Skipped, result.OverLimit, result.DistinctBodies, result.LargestShare, result.MaxIdentical);
    }
}
