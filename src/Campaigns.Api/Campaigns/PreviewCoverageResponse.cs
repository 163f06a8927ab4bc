using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>How much of the list the preview's statistics cover.</summary>
/// <param name="Sampled">True when they cover only the first <paramref name="RowsExamined"/> contacts (phone order), not the whole list.</param>
/// <param name="RowsExamined">Contacts planned for the statistics.</param>
/// <param name="ListRows">Contacts in the list.</param>
/// <param name="StoppedBy"><c>maxRows</c> (the list is longer than a preview plans: <c>Campaigns:Preview:MaxRows</c>), <c>timeBudget</c> (planning took longer than <c>Campaigns:Preview:TimeBudget</c>), or null.</param>
internal sealed record PreviewCoverageResponse(bool Sampled, long RowsExamined, long ListRows, PreviewStop? StoppedBy)
{
    public static PreviewCoverageResponse From(PreviewCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        return new(coverage.Sampled, coverage.RowsExamined, coverage.ListRows, coverage.StoppedBy);
    }
}
