using System.Globalization;
using System.Text;

namespace Campaigns.Domain.Templates;

/// <summary>
/// How contact-list columns are named in templates. A header that is already a name (<c>city</c>, <c>City</c>) can be
/// written as it is; every header also has a snake_case alias: words are split at spaces, punctuation and
/// lower-to-upper case changes, lowered and joined with <c>_</c> (<c>First Name</c>, <c>Last-Name</c>,
/// <c>firstName</c> → <c>first_name</c>; <c>E-mail</c> → <c>e_mail</c>). An alias that would start with a digit gets a
/// leading <c>_</c> (<c>2nd Line</c> → <c>_2nd_line</c>), and one that is a keyword of the template language a trailing
/// <c>_</c> (<c>End</c> → <c>end_</c>).
/// </summary>
public static class TemplateVariableName
{
    // Scriban's statement keywords and literal words: they can never be read as variables.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "if", "else", "end", "for", "case", "when", "while", "break", "continue", "func", "import", "readonly",
        "with", "capture", "ret", "wrap", "do", "in", "tablerow", "null", "true", "false", "this",
    };

    /// <summary>Whether <paramref name="name"/> can be written as a variable as it is: a letter or <c>_</c>, then letters, digits or <c>_</c>, and not a keyword.</summary>
    public static bool IsIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || Reserved.Contains(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The snake_case alias of a column header, or null when the header has no letter or digit.</summary>
    public static string? Alias(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var text = header.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(text.Length + 4);
        var wordOpen = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                wordOpen = false;
                continue;
            }

            if (builder.Length > 0 && (!wordOpen || StartsWord(text, i)))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            wordOpen = true;
        }

        if (builder.Length == 0)
        {
            return null;
        }

        if (char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        var alias = builder.ToString();
        return Reserved.Contains(alias) ? alias + "_" : alias;
    }

    // "firstName" and "HTTPServer" start a word at 'N' and at 'S'.
    private static bool StartsWord(string text, int i)
    {
        if (i == 0 || !char.IsUpper(text[i]))
        {
            return false;
        }

        var previous = text[i - 1];
        return char.IsLower(previous) || char.IsDigit(previous)
            || (char.IsUpper(previous) && i + 1 < text.Length && char.IsLower(text[i + 1]));
    }
}
