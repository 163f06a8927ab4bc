using System.Text.RegularExpressions;

namespace Campaigns.Api.Common;

/// <summary>
/// Defuses spreadsheet formulas in every CSV the product writes (the import errors, the campaign report): a cell that
/// starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is run as a formula by Excel,
/// LibreOffice or Sheets when the file is opened (CSV injection, e.g. <c>+cmd|' /C calc'!A0</c>), so it is prefixed with
/// a single quote, which keeps it text. The one exception is a value that is exactly an E.164 number
/// (<c>+5511999999999</c>): recipients' phones start with <c>+</c>, and a spreadsheet reads them as numbers, never as formulas.
/// </summary>
internal static partial class CsvFormula
{
    public static string Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? "";
        }

        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !E164().IsMatch(value) ? "'" + value : value;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
