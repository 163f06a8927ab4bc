using System.Globalization;
using System.Text;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Templates;

/// <summary>
/// Turns a spintax template into plain Scriban, so that one parse checks everything and one render writes a message.
/// Group number K becomes <c>{{__sK = __spin N}}</c>, where <c>__spin N</c> asks the render's choice source for one of
/// N options, then its options: up to <see cref="MaxTreeOptions"/> a balanced tree
/// <c>{{if __sK &lt; 2}}{{if __sK &lt; 1}}a{{else}}b{{end}}{{else}}…{{end}}</c>, past that a flat row
/// <c>{{if __sK == 0}}…{{end}}{{if __sK == 1}}…{{end}}</c>. An escaped brace becomes <c>{{"{"}}</c>, so no literal
/// brace ever reaches Scriban's text. Text and code blocks are copied unchanged.
/// </summary>
/// <remarks>
/// The tree runs about log2 N tests per render where the row runs N (the bench's groups of 2 and 5 options render
/// faster). Scriban parses each <c>when</c> or <c>else</c> inside the previous one, so a <c>case</c>/<c>when</c> chain
/// of 99 options hit its statement depth limit (100); the tree adds about 2·log2 N levels (8 for 16 options), so
/// <see cref="Spintax.MaxDepth"/> nested groups still fit, and the row adds one level whatever its number of options. Each group has its own variable, so a nested group's
/// choice never changes which option of its parent is written. The choice is made once, where the group starts, as
/// before, so the same recipient gets the same text.
/// </remarks>
internal static class SpintaxLowering
{
    /// <summary>The function the generated code calls; names starting with <c>__</c> are reserved for the engine.</summary>
    public const string SpinFunction = "__spin";

    /// <summary>The start of the variable that holds a group's choice (<c>__s0</c>, <c>__s1</c>, …); reserved as well.</summary>
    private const string ChoicePrefix = "__s";

    /// <summary>Groups of up to this many options are lowered to a tree of tests, larger ones to a flat row.</summary>
    private const int MaxTreeOptions = 16;

    public static (string Script, SourceMap Map) Lower(SpintaxTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var output = new StringBuilder(template.Text.Length + 64);
        var map = new SourceMap();
        var groups = 0;
        Write(template.Text, template.Parts, output, map, ref groups);
        return (output.ToString(), map);
    }

    private static void Write(string source, IReadOnlyList<SpintaxPart> parts, StringBuilder output, SourceMap map, ref int groups)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case SpintaxText text:
                    Copy(source, text.Start, text.Length, output, map);
                    break;
                case SpintaxCode code:
                    Copy(source, code.Start, code.Length, output, map);
                    break;
                case SpintaxEscape escape:
                    Generate(escape.Character switch
                    {
                        '{' => "{{\"{\"}}",
                        '}' => "{{\"}\"}}",
                        var c => c.ToString(),
                    }, escape.Start, output, map);
                    break;
                case SpintaxGroup group:
                    var choice = string.Create(CultureInfo.InvariantCulture, $"{ChoicePrefix}{groups++}");
                    Generate(string.Create(CultureInfo.InvariantCulture, $"{{{{{choice} = {SpinFunction} {group.Options.Count}}}}}"), group.Start, output, map);
                    var end = Math.Min(group.End, Math.Max(source.Length - 1, 0));
                    if (group.Options.Count <= MaxTreeOptions)
                    {
                        WriteTree(source, group, choice, 0, group.Options.Count, end, output, map, ref groups);
                    }
                    else
                    {
                        for (var i = 0; i < group.Options.Count; i++)
                        {
                            var option = group.Options[i];
                            Generate(string.Create(CultureInfo.InvariantCulture, $"{{{{if {choice} == {i}}}}}"), option.Start, output, map);
                            Write(source, option.Parts, output, map, ref groups);
                            Generate("{{end}}", i + 1 < group.Options.Count ? group.Options[i + 1].Start : end, output, map);
                        }
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown spintax part {part.GetType().Name}.");
            }
        }
    }

    /// <summary>
    /// Options <paramref name="from"/> to <paramref name="to"/> (exclusive) of a group as a balanced tree of
    /// <c>if choice &lt; middle … else … end</c>: about log2 N tests per render instead of N.
    /// </summary>
    private static void WriteTree(
        string source, SpintaxGroup group, string choice, int from, int to, int end, StringBuilder output, SourceMap map, ref int groups)
    {
        if (to - from == 1)
        {
            Write(source, group.Options[from].Parts, output, map, ref groups);
            return;
        }

        var middle = (from + to) / 2;
        Generate(string.Create(CultureInfo.InvariantCulture, $"{{{{if {choice} < {middle}}}}}"), group.Options[from].Start, output, map);
        WriteTree(source, group, choice, from, middle, end, output, map, ref groups);
        Generate("{{else}}", group.Options[middle].Start, output, map);
        WriteTree(source, group, choice, middle, to, end, output, map, ref groups);
        Generate("{{end}}", to < group.Options.Count ? group.Options[to].Start : end, output, map);
    }

    private static void Copy(string source, int start, int length, StringBuilder output, SourceMap map)
    {
        map.Add(output.Length, start, length, copied: true);
        output.Append(source, start, length);
    }

    private static void Generate(string code, int originalOffset, StringBuilder output, SourceMap map)
    {
        map.Add(output.Length, originalOffset, code.Length, copied: false);
        output.Append(code);
    }
}
