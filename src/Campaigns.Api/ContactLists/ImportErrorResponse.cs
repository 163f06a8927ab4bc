namespace Campaigns.Api.ContactLists;

/// <summary>A row of an upload that was not imported: its physical line in the file, the phone cell as written, and why.</summary>
/// <remarks>
/// The cell is as the file had it: unlike the CSV report, it is not defused against spreadsheet formulas, because JSON is
/// never opened as a spreadsheet.
/// </remarks>
internal sealed record ImportErrorResponse(int Line, string? Value, string Reason);
