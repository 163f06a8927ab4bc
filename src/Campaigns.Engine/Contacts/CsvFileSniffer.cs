using System.Text;
using System.Text.Unicode;
using Campaigns.Domain.Common;

namespace Campaigns.Engine.Contacts;

/// <summary>
/// Looks at the start of an upload before it is parsed: rejects what is plainly not CSV (a spreadsheet, a PDF,
/// binary data) and picks the text encoding. Byte order marks (UTF-8, UTF-16, UTF-32) are left to the CSV reader;
/// text without one is UTF-8 when it is valid UTF-8, else Windows-1252 (what Excel writes when it saves "CSV").
/// </summary>
internal static class CsvFileSniffer
{
    private const int SniffLength = 64 * 1024;
    private static readonly byte[] Utf16LittleEndianBom = [0xFF, 0xFE]; // also starts a UTF-32 LE BOM
    private static readonly byte[] Utf16BigEndianBom = [0xFE, 0xFF];

    static CsvFileSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding to read with (null: let the reader decide from the BOM, or UTF-8); the stream is rewound.</summary>
    public static async Task<Result<Encoding?>> SniffAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The upload must be seekable to be sniffed.", nameof(content));
        }

        var start = content.Position;
        var buffer = new byte[SniffLength];
        var length = await content.ReadAtLeastAsync(buffer, SniffLength, throwOnEndOfStream: false, cancellationToken);
        content.Position = start;
        var head = buffer.AsSpan(0, length);

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return NotCsv("it is a spreadsheet or zip archive (an .xlsx file?): save it as CSV and upload that");
        }

        if (head.StartsWith("%PDF"u8))
        {
            return NotCsv("it is a PDF document");
        }

        if (head.StartsWith("\uFEFF"u8) || head.StartsWith(Utf16LittleEndianBom) || head.StartsWith(Utf16BigEndianBom))
        {
            return (Encoding?)null;
        }

        if (head.Contains((byte)0))
        {
            return NotCsv("it holds binary data, not text");
        }

        // A multi-byte character may be cut at the end of the sniffed block: leave its bytes out of the check.
        var checkedLength = length == SniffLength ? length - 3 : length;
        return Utf8.IsValid(head[..checkedLength]) ? (Encoding?)null : Encoding.GetEncoding(1252);
    }

    private static Error NotCsv(string why) =>
        new("import.not_csv", $"The file is not a CSV file: {why}.", "file");
}
