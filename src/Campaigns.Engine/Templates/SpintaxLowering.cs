using System.Globalization;
using System.Text;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Templates;

/// <summary>
/// Turns a spintax template into plain Scriban, so that one parse checks everything and one render writes a message.
/// A group becomes <c>{{case __spin N}}{{when 0}}…{{when 1}}…{{end}}</c>, where <c>__spin N</c> asks the render's
/// choice source for one of N options; an escaped brace becomes <c>{{"{"}}</c>, so no literal brace ever reaches
/// Scriban's text. Text and code blocks are copied unchanged.
/// </summary>
internal static class SpintaxLowering
{
    /// <summary>The function the generated code calls; names starting with <c>__</c> are reserved for the engine.</summary>
    public const string SpinFunction = "__spin";

    public static (string Script, SourceMap Map) Lower(SpintaxTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var output = new StringBuilder(template.Text.Length + 64);
        var map = new SourceMap();
        Write(template.Text, template.Parts, output, map);
        return (output.ToString(), map);
    }

    private static void Write(string source, IReadOnlyList<SpintaxPart> parts, StringBuilder output, SourceMap map)
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
                    Generate(string.Create(CultureInfo.InvariantCulture, $"{{{{case {SpinFunction} {group.Options.Count}}}}}"), group.Start, output, map);
                    for (var i = 0; i < group.Options.Count; i++)
                    {
                        var option = group.Options[i];
                        Generate(string.Create(CultureInfo.InvariantCulture, $"{{{{when {i}}}}}"), option.Start, output, map);
                        Write(source, option.Parts, output, map);
                    }

                    Generate("{{end}}", Math.Min(group.End, Math.Max(source.Length - 1, 0)), output, map);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown spintax part {part.GetType().Name}.");
            }
        }
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
