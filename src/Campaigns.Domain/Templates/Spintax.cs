using Campaigns.Domain.Common;

namespace Campaigns.Domain.Templates;

/// <summary>
/// Reads spintax, the convention bulk senders know: <c>{Hi|Hello|Hey}</c> writes one of its options, groups nest
/// (<c>{Hi|Hello{!| there}}</c>) and an option may be empty (<c>{!|}</c>). A backslash makes the next <c>{</c>,
/// <c>}</c>, <c>|</c> or <c>\</c> literal (<c>\{</c> writes <c>{</c>); any other backslash is itself. A <c>|</c> outside
/// every group is plain text. Template code is never read as spintax: the caller passes where the code blocks are
/// (<c>{{ … }}</c> as the template language's own lexer finds them), and they are kept whole, also inside options.
/// </summary>
/// <remarks>
/// Because <c>{{</c> opens code, a group cannot begin with a nested group: write <c>{Hey|{Hi|Hello} there}</c>
/// rather than <c>{{Hi|Hello} there|Hey}</c>.
/// </remarks>
public static class Spintax
{
    /// <summary>How deep groups may nest: 10. Deeper braces are reported once and read as text.</summary>
    public const int MaxDepth = 10;

    /// <summary>Reads <paramref name="text"/>, whose code blocks are <paramref name="code"/> (in order, not overlapping).</summary>
    /// <param name="field">The field named by errors: <see cref="TemplateErrors.TextField"/> or <see cref="TemplateErrors.CaptionField"/>.</param>
    public static SpintaxTemplate Parse(string text, IReadOnlyList<TextSpan> code, string field = TemplateErrors.TextField)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(code);
        var errors = new List<Error>();
        var root = new List<SpintaxPart>();
        var open = new Stack<OpenGroup>();
        var current = root;
        var codeIndex = 0;
        var textStart = 0;
        var tooDeep = 0; // braces opened past MaxDepth, read as text
        var i = 0;

        void Flush(int end)
        {
            if (end > textStart)
            {
                current.Add(new SpintaxText(textStart, end - textStart));
            }
        }

        bool IsCodeStart(int offset) => codeIndex < code.Count && code[codeIndex].Start == offset;

        while (i < text.Length)
        {
            if (IsCodeStart(i))
            {
                Flush(i);
                var span = code[codeIndex++];
                current.Add(new SpintaxCode(span.Start, span.Length));
                i = textStart = span.End;
                continue;
            }

            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '{' or '}' or '|' or '\\' && !IsCodeStart(i + 1))
            {
                Flush(i);
                current.Add(new SpintaxEscape(i, text[i + 1]));
                i = textStart = i + 2;
            }
            else if (c == '{' && (tooDeep > 0 || open.Count == MaxDepth))
            {
                if (tooDeep++ == 0 && !errors.Exists(e => e.Code == "template.spintax_too_deep"))
                {
                    errors.Add(TemplateErrors.SpintaxTooDeep(field, TextLocation.Of(text, i), MaxDepth));
                }

                i++;
            }
            else if (c == '}' && tooDeep > 0)
            {
                tooDeep--;
                i++;
            }
            else if (c == '|' && tooDeep > 0)
            {
                i++;
            }
            else if (c == '{')
            {
                Flush(i);
                open.Push(new OpenGroup(i, current));
                current = [];
                i = textStart = i + 1;
            }
            else if (c == '|' && open.Count > 0)
            {
                Flush(i);
                var group = open.Peek();
                group.Options.Add(new SpintaxOption(group.OptionStart, current));
                group.OptionStart = i;
                current = [];
                i = textStart = i + 1;
            }
            else if (c == '}' && open.Count > 0)
            {
                Flush(i);
                current = Close(open.Pop(), current, i, text, field, errors);
                i = textStart = i + 1;
            }
            else
            {
                if (c == '}')
                {
                    // Kept as text so that the rest can still be read and checked.
                    errors.Add(TemplateErrors.SpintaxUnexpectedClose(field, TextLocation.Of(text, i)));
                }

                i++;
            }
        }

        Flush(text.Length);
        var unclosed = new List<Error>();
        while (open.Count > 0)
        {
            var group = open.Pop();
            unclosed.Add(TemplateErrors.SpintaxUnclosed(field, TextLocation.Of(text, group.Start)));
            current = Close(group, current, text.Length, text, field, errors: null);
        }

        unclosed.Reverse();
        errors.AddRange(unclosed);
        errors.Sort((a, b) => Position(a).CompareTo(Position(b)));
        return new SpintaxTemplate(text, root, errors);
    }

    private static List<SpintaxPart> Close(
        OpenGroup group, List<SpintaxPart> current, int end, string text, string field, List<Error>? errors)
    {
        group.Options.Add(new SpintaxOption(group.OptionStart, current));
        if (group.Options.Count == 1 && errors is not null)
        {
            errors.Add(TemplateErrors.SpintaxSingleOption(field, TextLocation.Of(text, group.Start), LooksLikeVariable(text, current)));
        }

        group.Parent.Add(new SpintaxGroup(group.Start, end, group.Options));
        return group.Parent;
    }

    /// <summary><c>{first name}</c> was probably meant as <c>{{ first_name }}</c>: the alias to suggest, or null.</summary>
    private static string? LooksLikeVariable(string text, List<SpintaxPart> parts)
    {
        if (parts is not [SpintaxText only] || only.Length > 64)
        {
            return null;
        }

        var content = text.AsSpan(only.Start, only.Length).Trim();
        foreach (var c in content)
        {
            if (!char.IsLetterOrDigit(c) && c is not (' ' or '_' or '-' or '.'))
            {
                return null;
            }
        }

        return content.IsEmpty ? null : TemplateVariableName.Alias(content.ToString());
    }

    private static (int, int) Position(Error error) =>
        (error.Details.TryGetValue("line", out var line) ? (int)line! : 0,
         error.Details.TryGetValue("column", out var column) ? (int)column! : 0);

    private sealed class OpenGroup(int start, List<SpintaxPart> parent)
    {
        public int Start { get; } = start;

        public List<SpintaxPart> Parent { get; } = parent;

        public List<SpintaxOption> Options { get; } = [];

        public int OptionStart { get; set; } = start;
    }
}
