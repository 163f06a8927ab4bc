namespace Campaigns.Api.Common;

/// <summary>Writes one CSV field (RFC 4180), defusing spreadsheet formulas.</summary>
internal static class CsvField
{
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // A cell starting with = or @ is run as a formula by spreadsheets (CSV injection); a leading quote keeps it text.
        // '+' and '-' are left alone: phone numbers start with '+'.
        if (value[0] is '=' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
