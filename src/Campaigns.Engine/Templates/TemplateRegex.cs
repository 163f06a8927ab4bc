using System.Text.RegularExpressions;
using Scriban;
using Scriban.Runtime;

namespace Campaigns.Engine.Templates;

/// <summary>
/// The template's <c>regex</c> object, in place of Scriban's: the same functions (<c>escape</c>, <c>match</c>,
/// <c>matches</c>, <c>replace</c>, <c>split</c>, <c>unescape</c>) with the same arguments and options (<c>i</c>,
/// <c>m</c>, <c>s</c>, <c>x</c>), but every pattern runs on .NET's non-backtracking engine, whose time grows with the
/// length of the text and of the pattern only, never exponentially: <c>"aaaa…!" | regex.match "^(a+)+$"</c> answers
/// at once instead of running until a timeout. What that engine cannot run (backreferences, lookarounds, atomic
/// groups) is refused: at validation when the pattern is written in the template. Each call still has a match
/// timeout of its own (<see cref="TemplateOptions.RegexTimeout"/>, the context's <c>RegexTimeOut</c>), as a last
/// bound; reaching it fails the template as a whole.
/// </summary>
internal static class TemplateRegex
{
    /// <summary>The name of the built-in object.</summary>
    public const string ObjectName = "regex";

    /// <summary>The functions whose pattern is their second argument (after the text), and first when the text is piped in.</summary>
    public static readonly IReadOnlySet<string> PatternFunctions = new HashSet<string>(["match", "matches", "replace", "split"], StringComparer.Ordinal);

    public static ScriptObject Create()
    {
        var functions = new ScriptObject();
        functions.Import("escape", new Func<string, string>(Regex.Escape));
        functions.Import("unescape", new Func<string, string>(Regex.Unescape));
        functions.Import("match", new Func<TemplateContext, string, string, string?, ScriptArray>(Match));
        functions.Import("matches", new Func<TemplateContext, string, string, string?, ScriptArray>(Matches));
        functions.Import("replace", new Func<TemplateContext, string, string, string, string?, string>(Replace));
        functions.Import("split", new Func<TemplateContext, string, string, string?, ScriptArray>(Split));
        return functions;
    }

    /// <summary>Why <paramref name="pattern"/> cannot be used in a template, or null when it can.</summary>
    public static string? Check(string pattern, string? options)
    {
        try
        {
            _ = new Regex(pattern, Options(options));
            return null;
        }
        catch (RegexParseException e)
        {
            return e.Message;
        }
        catch (NotSupportedException e)
        {
            return e.Message;
        }
    }

    private static ScriptArray Match(TemplateContext context, string text, string pattern, string? options = null) =>
        Regex.Match(text, pattern, Options(options), context.RegexTimeOut) is { Success: true } match ? Groups(match) : [];

    private static ScriptArray Matches(TemplateContext context, string text, string pattern, string? options = null)
    {
        var all = new ScriptArray();
        foreach (Match match in Regex.Matches(text, pattern, Options(options), context.RegexTimeOut))
        {
            all.Add(Groups(match));
        }

        return all;
    }

    /// <summary>The values of a match's groups, the whole match first, as Scriban's <c>regex.match</c> answers them.</summary>
    private static ScriptArray Groups(Match match)
    {
        var groups = new ScriptArray();
        foreach (Group group in match.Groups)
        {
            groups.Add(group.Value);
        }

        return groups;
    }

    private static string Replace(TemplateContext context, string text, string pattern, string replace, string? options = null) =>
        Regex.Replace(text, pattern, replace, Options(options), context.RegexTimeOut);

    private static ScriptArray Split(TemplateContext context, string text, string pattern, string? options = null) =>
        new(Regex.Split(text, pattern, Options(options), context.RegexTimeOut));

    private static RegexOptions Options(string? options)
    {
        var result = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
        foreach (var option in options ?? "")
        {
            result |= option switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                _ => RegexOptions.None, // as Scriban: other letters are ignored
            };
        }

        return result;
    }
}
