namespace Campaigns.Engine.Campaigns;

/// <summary>How much of the list a preview's statistics cover.</summary>
/// <param name="Sampled">Whether they cover only the first <paramref name="RowsExamined"/> contacts (phone order) rather than the whole list.</param>
/// <param name="RowsExamined">Contacts planned, suppressed ones included.</param>
/// <param name="ListRows">Contacts in the list.</param>
/// <param name="StoppedBy">Why the preview stopped before the end of the list; null when it did not.</param>
internal sealed record PreviewCoverage(bool Sampled, long RowsExamined, long ListRows, PreviewStop? StoppedBy);
