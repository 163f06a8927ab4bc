using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Campaigns.Api.Common;

/// <summary>
/// The <c>after</c> of a listing ordered by phone number: the <c>next</c> of the previous page, an E.164 number such as
/// <c>+254712345678</c>. A query string turns an unescaped <c>+</c> into a space, so <c>after=+2547…</c> (as curl sends it)
/// arrives as <c> 2547…</c>: that form is read as the number it was, rather than as a key that sorts before every number
/// and silently restarts the list. Anything else is not a cursor and fails binding (400 naming <c>after</c>).
/// </summary>
internal sealed partial class PhoneCursor
{
    /// <summary>What a valid value looks like, for the 400 that refuses one.</summary>
    public const string Expected = "the 'next' of the previous page, an E.164 number such as +254712345678";

    private PhoneCursor(string value) => Value = value;

    /// <summary>The number in E.164 form.</summary>
    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out PhoneCursor? cursor)
    {
        cursor = null;
        if (text is null || Cursor().Match(text) is not { Success: true } match)
        {
            return false;
        }

        cursor = new PhoneCursor("+" + match.Groups["digits"].Value);
        return true;
    }

    public override string ToString() => Value;

    // '+' as sent, or the space a query string made of it.
    [GeneratedRegex(@"^[+ ](?<digits>[1-9][0-9]{1,14})$", RegexOptions.CultureInvariant)]
    private static partial Regex Cursor();
}
