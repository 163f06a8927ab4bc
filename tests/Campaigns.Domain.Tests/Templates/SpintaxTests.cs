using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Tests.Templates;

public sealed class SpintaxTests
{
    [Fact]
    public void Parse_PlainText_IsOneTextPart()
    {
        var template = Parse("Hello there | friend");

        Assert.Empty(template.Errors);
        var text = Assert.IsType<SpintaxText>(Assert.Single(template.Parts));
        Assert.Equal((0, 20), (text.Start, text.Length));
        Assert.Equal(1, template.VariantCount);
    }

    [Fact]
    public void Parse_Group_ReadsEachOption()
    {
        var template = Parse("{Hi|Hello|Hey} you");

        Assert.Empty(template.Errors);
        var group = Assert.IsType<SpintaxGroup>(template.Parts[0]);
        Assert.Equal(["Hi", "Hello", "Hey"], group.Options.Select(o => Write(template, o.Parts)));
        Assert.Equal((0, 13), (group.Start, group.End));
        Assert.Equal(" you", Write(template, template.Parts.Skip(1).ToArray()));
    }

    [Theory]
    [InlineData("{a|b}", 2)]
    [InlineData("{a|b} {c|d|e}", 6)]
    [InlineData("{a|b{c|d}}", 3)]
    [InlineData("{a|{b|c}{d|e|f}}", 7)]
    [InlineData("{!|}", 2)]
    [InlineData("no groups", 1)]
    public void VariantCount_CountsEveryWayToChoose(string text, long expected) =>
        Assert.Equal(expected, Parse(text).VariantCount);

    [Fact]
    public void VariantCount_HugeTemplates_Saturate() =>
        Assert.Equal(long.MaxValue, Parse(string.Concat(Enumerable.Repeat("{a|b|c|d|e|f|g|h}", 40))).VariantCount);

    [Theory]
    [InlineData("Hello", 5)]
    [InlineData("{Hi|Hello} you", 6)]
    [InlineData("{Hi|{{ name }}}!", 1)]
    [InlineData(@"\{x\}", 3)]
    public void MinimumLength_CountsTheShortestTextOutsideCode(string text, int expected) =>
        Assert.Equal(expected, Parse(text).MinimumLength);

    [Fact]
    public void Parse_NestedGroups_Nest()
    {
        var template = Parse("{a|b{c|d}}");

        var outer = Assert.IsType<SpintaxGroup>(Assert.Single(template.Parts));
        var second = outer.Options[1].Parts;
        Assert.IsType<SpintaxText>(second[0]);
        var inner = Assert.IsType<SpintaxGroup>(second[1]);
        Assert.Equal(["c", "d"], inner.Options.Select(o => Write(template, o.Parts)));
    }

    [Fact]
    public void Parse_Escapes_AreLiteralCharacters()
    {
        var template = Parse(@"\{x\|y\} \\ {a\|b|c}");

        Assert.Empty(template.Errors);
        Assert.Equal(@"{x|y} \ ", Write(template, template.Parts.Take(template.Parts.Count - 1).ToArray()));
        var group = Assert.IsType<SpintaxGroup>(template.Parts[^1]);
        Assert.Equal(["a|b", "c"], group.Options.Select(o => Write(template, o.Parts)));
    }

    [Fact]
    public void Parse_BackslashBeforeOtherCharacter_IsItself() =>
        Assert.Equal(@"C:\path\n", Write(Parse(@"C:\path\n"), Parse(@"C:\path\n").Parts));

    [Fact]
    public void Parse_CodeBlocks_AreKeptWholeEvenWithBracesAndBars()
    {
        const string text = "{Hi {{ name | string.upcase }}|Hey {{ x = {a: 1} }}}";
        var template = Parse(text);

        Assert.Empty(template.Errors);
        var group = Assert.IsType<SpintaxGroup>(Assert.Single(template.Parts));
        Assert.Equal(2, group.Options.Count);
        var code = Assert.IsType<SpintaxCode>(group.Options[0].Parts[1]);
        Assert.Equal("{{ name | string.upcase }}", text.Substring(code.Start, code.Length));
    }

    [Fact]
    public void Parse_UnclosedGroup_ReportsWhereItOpened()
    {
        var template = Parse("Hello\n  {Hi|Hey there");

        var error = Assert.Single(template.Errors);
        Assert.Equal("template.spintax_unclosed", error.Code);
        Assert.Equal((2, 3), (error.Details["line"], error.Details["column"]));
        Assert.Equal("text", error.Field);
    }

    [Fact]
    public void Parse_UnexpectedClose_ReportsItAndReadsOn()
    {
        var template = Parse("a } {b|c", TemplateErrors.CaptionField);

        Assert.Equal(["template.spintax_unexpected_close", "template.spintax_unclosed"], template.Errors.Select(e => e.Code));
        Assert.Equal(3, template.Errors[0].Details["column"]);
        Assert.All(template.Errors, e => Assert.Equal("media.caption", e.Field));
    }

    [Fact]
    public void Parse_SingleOption_SuggestsAVariableWhenItLooksLikeOne()
    {
        var template = Parse("Hi {First Name}!");

        var error = Assert.Single(template.Errors);
        Assert.Equal("template.spintax_single_option", error.Code);
        Assert.Contains("{{ first_name }}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GroupsNestedTooDeep_AreReportedOnceAndReadAsText()
    {
        var text = string.Concat(Enumerable.Repeat("{a|", 5_000)) + new string('}', 5_000);

        var template = Parse(text);

        var error = Assert.Single(template.Errors);
        Assert.Equal(("template.spintax_too_deep", 1, 31), (error.Code, error.Details["line"], error.Details["column"]));
        Assert.Equal(Spintax.MaxDepth, Depth(template.Parts));
    }

    [Fact]
    public void Parse_EmptyBraces_AreASingleOption() =>
        Assert.Equal("template.spintax_single_option", Assert.Single(Parse("x {} y").Errors).Code);

    /// <summary>Code spans found the simple way; the engine uses the template language's lexer.</summary>
    internal static SpintaxTemplate Parse(string text, string field = TemplateErrors.TextField)
    {
        var spans = new List<TextSpan>();
        for (var start = text.IndexOf("{{", StringComparison.Ordinal); start >= 0; start = text.IndexOf("{{", start, StringComparison.Ordinal))
        {
            var depth = 0;
            var end = start + 2;
            while (end < text.Length && !(depth == 0 && text[end] == '}' && end + 1 < text.Length && text[end + 1] == '}'))
            {
                depth += text[end] == '{' ? 1 : text[end] == '}' ? -1 : 0;
                end++;
            }

            spans.Add(new TextSpan(start, Math.Min(end + 2, text.Length) - start));
            start = Math.Min(end + 2, text.Length);
        }

        return Spintax.Parse(text, spans, field);
    }

    private static int Depth(IReadOnlyList<SpintaxPart> parts) =>
        parts.OfType<SpintaxGroup>().Select(g => 1 + g.Options.Max(o => Depth(o.Parts))).DefaultIfEmpty(0).Max();

    private static string Write(SpintaxTemplate template, IReadOnlyList<SpintaxPart> parts) => string.Concat(parts.Select(p => p switch
    {
        SpintaxText t => template.Text.Substring(t.Start, t.Length),
        SpintaxEscape e => e.Character.ToString(),
        SpintaxCode c => template.Text.Substring(c.Start, c.Length),
        _ => "<group>",
    }));
}
