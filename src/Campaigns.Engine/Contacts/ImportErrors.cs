using Campaigns.Domain.Common;

namespace Campaigns.Engine.Contacts;

/// <summary>The ways an upload can be refused as a whole. Row-level problems are not errors: they are reported per line.</summary>
internal static class ImportErrors
{
    public static Error UnknownRegion(string? region) => new(
        "import.unknown_region",
        $"'{region}' is not a region code that phone numbers can be read against: use an ISO 3166 alpha-2 code such as KE, NG or GB.",
        "defaultRegion");

    public static Error Empty() => new(
        "import.empty", "The file is empty: a CSV file with a header row naming its columns is required.", "file");

    public static Error NoDataRows(IReadOnlyList<string> columns) => new(
        "import.no_rows", "The file has a header row but no data rows.", "file")
    {
        Details = new Dictionary<string, object?> { ["columns"] = columns },
    };

    public static Error HeaderLooksLikeData(IReadOnlyList<string> columns) => new(
        "import.no_header",
        "The first line looks like data, not a header row: add a first line naming the columns (for example phone,first_name).",
        "file")
    {
        Details = new Dictionary<string, object?> { ["columns"] = columns },
    };

    public static Error DuplicateColumns(IReadOnlyList<string> duplicates, IReadOnlyList<string> columns) => new(
        "import.duplicate_columns",
        $"Column names must be unique, and these appear more than once: {string.Join(", ", duplicates)}.",
        "file")
    {
        Details = new Dictionary<string, object?> { ["columns"] = columns, ["duplicates"] = duplicates },
    };

    public static Error NoPhoneColumn(IReadOnlyList<string> columns) => new(
        "import.no_phone_column",
        $"No phone column was found among the columns {Quote(columns)}: name it phone, mobile, msisdn or whatsapp, or say which column it is with phoneColumn.",
        "phoneColumn")
    {
        Details = new Dictionary<string, object?> { ["columns"] = columns },
    };

    public static Error PhoneColumnNotFound(string requested, IReadOnlyList<string> columns) => new(
        "import.phone_column_not_found",
        $"The file has no column '{requested}'; its columns are {Quote(columns)}.",
        "phoneColumn")
    {
        Details = new Dictionary<string, object?> { ["columns"] = columns },
    };

    public static Error TooLarge(long limitBytes) => new(
        "import.too_large",
        $"The file is larger than the limit of {limitBytes / (1024 * 1024)} MB.",
        "file",
        ErrorKind.TooLarge);

    /// <summary>A file the CSV reader cannot go on reading, such as a record over the 1 MiB record limit.</summary>
    public static Error Malformed(long line, string reason) => new(
        "import.malformed",
        line > 0
            ? $"Line {line} cannot be read as CSV ({reason}). A field over 1 MiB, or a quote never closed, usually means this is not a contact list."
            : $"The file cannot be read as CSV ({reason}).",
        "file")
    {
        Details = line > 0 ? new Dictionary<string, object?> { ["line"] = line } : new Dictionary<string, object?>(),
    };

    private static string Quote(IReadOnlyList<string> columns) => string.Join(", ", columns.Select(c => $"'{c}'"));
}
