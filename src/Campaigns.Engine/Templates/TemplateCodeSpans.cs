using Campaigns.Domain.Templates;
using Scriban.Parsing;

namespace Campaigns.Engine.Templates;

/// <summary>
/// Where a template's code is: every part that Scriban's own lexer does not read as plain text, i.e. <c>{{ … }}</c>
/// blocks (strings, comments and object literals with braces included) and <c>{%{ … }%}</c> escape blocks. Spintax is
/// read in the rest only, so Scriban's blocks are never mistaken for it.
/// </summary>
internal static class TemplateCodeSpans
{
    /// <param name="unclosedAt">
    /// Where the code block that the text ends inside opens, or -1. Scriban itself accepts a template that ends in
    /// code (<c>Hi {{ name</c>); a message template that does so is almost always a mistake.
    /// </param>
    public static IReadOnlyList<TextSpan> Find(string text, out int unclosedAt)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<TextSpan>();
        var textEnd = 0; // just past the last plain text seen
        unclosedAt = -1;
        foreach (var token in new Lexer(text))
        {
            if (token.Type == TokenType.Eof)
            {
                break;
            }

            if (token.Type is TokenType.CodeEnter or TokenType.EscapeEnter)
            {
                unclosedAt = token.Start.Offset;
            }
            else if (token.Type is TokenType.CodeExit or TokenType.EscapeExit)
            {
                unclosedAt = -1;
            }

            // Whitespace tokens are plain text that {{- or {{~ may trim; they are text all the same.
            if (token.Type is TokenType.Raw or TokenType.Whitespace or TokenType.WhitespaceFull)
            {
                if (token.Start.Offset > textEnd)
                {
                    spans.Add(new TextSpan(textEnd, token.Start.Offset - textEnd));
                }

                textEnd = token.End.Offset + 1; // a token's end is inclusive
            }
        }

        if (textEnd < text.Length)
        {
            spans.Add(new TextSpan(textEnd, text.Length - textEnd));
        }

        return spans;
    }
}
