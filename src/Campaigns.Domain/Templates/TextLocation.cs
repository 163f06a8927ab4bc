namespace Campaigns.Domain.Templates;

/// <summary>
/// A place in a template's text as an editor shows it: line and column both count from 1, and a column counts
/// UTF-16 code units from the start of its line. <c>default</c> (0, 0) means no place.
/// </summary>
public readonly record struct TextLocation(int Line, int Column)
{
    /// <summary>The place of <paramref name="offset"/> in <paramref name="text"/>; an offset past the end is placed at the end.</summary>
    public static TextLocation Of(string text, int offset)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        offset = Math.Min(offset, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new TextLocation(line, offset - lineStart + 1);
    }

    public override string ToString() => $"line {Line}, column {Column}";
}
