namespace Campaigns.Api.Common;

/// <summary>Writes one CSV field (RFC 4180), defusing spreadsheet formulas (<see cref="CsvFormula"/>).</summary>
internal static class CsvField
{
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        value = CsvFormula.Neutralise(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
