using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;
using Campaigns.Engine.Templates;

namespace Campaigns.Engine.Tests.Templates;

public sealed class TemplateCompilerTests
{
    [Theory]
    [InlineData("Hello {{ first_name }} from {{ City }}!")]
    [InlineData("{Hi|Hello|Hey} {{ first_name | string.capitalize }}, {{ pick [\"bye\", \"ciao\"] }}")]
    [InlineData("{{ for x in [1, 2] }}{{ x }}{{ end }} {{ greeting = 'Hi'; greeting }} {{ phone }} {{ mobile }}")]
    [InlineData("{{ func hello(n); ret 'Hi ' + n; end; hello first_name }} {{ o = {k: 1}; o.k }} {{ capture c }}x{{ end }}{{ c }}")]
    [InlineData("{{ if e_mail == '' }}No mail{{ else }}{{ e_mail }}{{ end }} {{ last_name }} {{ $local = 1; $local }}")]
    [InlineData("Braces: \\{not a group\\} and a bar \\| and {%{ {{raw}} }%}")]
    public void Validate_GoodTemplate_HasNoErrors(string text) => Assert.Empty(TemplateKit.Validate(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Validate_EmptyTemplate_IsEmptyError(string? text)
    {
        var error = Assert.Single(TemplateKit.Validate(text));
        Assert.Equal(("template.empty", "text"), (error.Code, error.Field));
    }

    [Fact]
    public void Validate_SyntaxError_GivesLineAndColumnInTheTemplateAsWritten()
    {
        // The spintax before the error becomes longer Scriban code: the place must still be the author's.
        var errors = TemplateKit.Validate("{Hi|Hello} there,\n{a|b} {{ 1 + }}");

        var error = Assert.Single(errors);
        Assert.Equal("template.syntax", error.Code);
        Assert.Equal(2, error.Details["line"]);
        Assert.Equal(14, error.Details["column"]); // the '}}' where an expression was expected
        Assert.Contains("line 2, column 14", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnclosedCode_IsASyntaxError()
    {
        var error = Assert.Single(TemplateKit.Validate("Hi\n  {{ first_name"));
        Assert.Equal(("template.syntax", 2, 3), (error.Code, error.Details["line"], error.Details["column"]));
    }

    [Fact]
    public void Validate_GroupStartingWithAGroup_HintsAtTheFix()
    {
        var errors = TemplateKit.Validate("{{Hi|Hello} there|Hey} you");

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("template.syntax", e.Code));
        Assert.Contains("{Hey|{Hi|Hello} there}", errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{Hi {frist|first}", "template.spintax_unclosed", 1, 1)]
    [InlineData("Hi\n  } there", "template.spintax_unexpected_close", 2, 3)]
    [InlineData("Hi {first_name}", "template.spintax_single_option", 1, 4)]
    public void Validate_SpintaxError_GivesLineAndColumn(string text, string code, int line, int column)
    {
        var error = Assert.Single(TemplateKit.Validate(text));
        Assert.Equal((code, line, column), (error.Code, error.Details["line"], error.Details["column"]));
    }

    [Fact]
    public void Validate_GroupsNestedTooDeep_AreRefusedWithoutExhaustingTheStack()
    {
        var errors = TemplateKit.Validate(string.Concat(Enumerable.Repeat("{a|", 5_000)) + new string('}', 5_000));

        Assert.Equal(["template.spintax_too_deep"], errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(500)]
    public void Compile_FlatGroupOfManyOptions_IsNoDeeperThanOneGroup(int count)
    {
        // Options used to be lowered to a when-chain that Scriban nests, so 99 options hit its statement depth limit.
        var options = Enumerable.Range(0, count).Select(i => $"o{i}").ToArray();
        var template = TemplateKit.Compile("Say {" + string.Join('|', options) + "} {Hi|{a|b}|Hey} now");

        var seen = Enumerable.Range(0, 2_000)
            .Select(n => TemplateKit.Render(template, TemplateKit.Recipient(TemplateKit.Phone(n))))
            .ToArray();
        Assert.All(seen, text => Assert.Matches(@"^Say o\d+ (Hi|a|b|Hey) now$", text));
        Assert.True(seen.Select(t => t.Split(' ')[1]).Distinct().Count() > count / 2, "the options are chosen among all of them");
        Assert.Equal(["Hey", "Hi", "a", "b"], seen.Select(t => t.Split(' ')[2]).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compile_GroupsNestedAsDeepAsAllowedWithManyOptions_FitScribansDepthLimit()
    {
        // Groups of a few options are lowered to a tree of if/else, which Scriban nests: the tree's depth must leave room.
        var text = "in {{ first_name }}!";
        for (var level = 0; level < Spintax.MaxDepth; level++)
        {
            text = "{" + string.Join('|', Enumerable.Range(1, 15).Select(i => $"L{level}o{i}")) + "|" + text + "}";
        }

        var template = TemplateKit.Compile("Say " + text + " now");

        var seen = Enumerable.Range(0, 500)
            .Select(n => TemplateKit.Render(template, TemplateKit.Recipient(TemplateKit.Phone(n))))
            .ToArray();
        Assert.All(seen, t => Assert.Matches(@"^Say (L\do\d+|in !) now$", t));
        Assert.True(seen.Distinct().Count() > 10, "the options are chosen among many of them");
    }

    [Fact]
    public void Validate_UnknownVariable_SuggestsTheClosestColumn()
    {
        var errors = TemplateKit.Validate("Hi {{ frist_name }},\nfrom {{ citty }} {{ FirstName }} {{ frist_name }}");

        Assert.Equal(["frist_name", "citty", "FirstName"], errors.Select(e => e.Details["variable"]));
        Assert.All(errors, e => Assert.Equal("template.unknown_variable", e.Code));
        Assert.Equal(("first_name", "First Name"), (errors[0].Details["suggestion"], errors[0].Details["suggestedColumn"]));
        Assert.Equal((1, 7), (errors[0].Details["line"], errors[0].Details["column"]));
        Assert.Equal("city", errors[1].Details["suggestion"]);
        Assert.Equal((2, 9), (errors[1].Details["line"], errors[1].Details["column"]));
        Assert.Equal("first_name", errors[2].Details["suggestion"]);
    }

    [Fact]
    public void Validate_UnknownVariableInsideAGroupOrPipe_IsFound()
    {
        var errors = TemplateKit.Validate("{Hi {{ nmae }}|Hello} {{ 'x' | string.append surname }}");

        Assert.Equal(["nmae", "surname"], errors.Select(e => e.Details["variable"]));
        Assert.Equal(8, errors[0].Details["column"]);
    }

    [Theory]
    [InlineData("{{ include 'secrets.txt' }}", "include")]
    [InlineData("{{ include_join ['a'] }}", "include_join")]
    [InlineData("{{ object.eval 'first_name' }}", "object.eval")]
    [InlineData("{{ object.eval_template '{{x}}' }}", "object.eval_template")]
    [InlineData("{{ math.random 1 10 }}", "math.random")]
    [InlineData("{{ math.uuid }}", "math.uuid")]
    [InlineData("{{ date.now }}", "date.now")]
    public void Validate_FunctionNotAllowed_IsAnError(string text, string function)
    {
        var error = Assert.Single(TemplateKit.Validate(text));
        Assert.Equal("template.function_not_allowed", error.Code);
        Assert.Equal(function, error.Details["function"]);
    }

    [Theory]
    [InlineData("Hi {{ first_name | string.uppercase }}", "string.uppercase", "string.upcase", 1, 27)]
    [InlineData("Hi\n{{ string.repeat first_name 3 }}", "string.repeat", "string.prepend", 2, 11)]
    [InlineData("{{ [1, 2] | array.sizee }}", "array.sizee", "array.size", 1, 19)]
    [InlineData("{{ math.roundd 1.5 }}", "math.roundd", "math.round", 1, 9)]
    [InlineData("{{ date.parse '2025-01-01' | date.to_strin '%Y' }}", "date.to_strin", "date.to_string", 1, 35)]
    public void Validate_UnknownFunction_IsAnErrorWithTheClosestName(string text, string function, string suggestion, int line, int column)
    {
        var error = Assert.Single(TemplateKit.Validate(text));

        Assert.Equal(("template.unknown_function", function, suggestion), (error.Code, error.Details["function"], error.Details["suggestion"]));
        Assert.Equal((line, column), (error.Details["line"], error.Details["column"]));
        Assert.Contains($"did you mean '{suggestion}'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ColumnNamedLikeABuiltin_ItsMembersAreNotChecked() =>
        Assert.Empty(TemplateKit.Validate("{{ date.anything }} {{ string.upcase 'x' }}", columns: ["Date"]));

    [Theory]
    [InlineData("Hi {{ for i in 1..100000 }}x{{ end }}", "Campaigns:Templates:LoopLimit", 1)]
    [InlineData("Hi\n{{ while true; end }}", "Campaigns:Templates:LoopLimit", 2)]
    [InlineData("{{ func f; ret f; end; f }}", "Campaigns:Templates:RecursionLimit", 1)]
    [InlineData("{{ 'x' | string.pad_left 100000 }}", "Campaigns:Templates:OutputLimit", 1)]
    public void Validate_LimitReachedWhateverTheData_IsInvalidWithTheReason(string text, string setting, int line)
    {
        var error = Assert.Single(TemplateKit.Validate(text));

        Assert.Equal((TemplateErrors.LimitExceededCode, line), (error.Code, error.Details["line"]));
        Assert.Contains(setting, (string)error.Details["reason"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ first_name | regex.match `(a)\\1` }}", 29)]
    [InlineData("{{ regex.replace first_name `(?<=a)b` 'c' }}", 29)]
    [InlineData("{{ regex.split first_name `(?>a+)` }}", 27)]
    [InlineData("Hi {{ first_name | regex.match \"(a\" }}", 32)]
    public void Validate_PatternTheEngineCannotRun_IsInvalidAtThePattern(string text, int column)
    {
        var error = Assert.Single(TemplateKit.Validate(text));

        Assert.Equal(("template.regex_invalid", 1, column), (error.Code, error.Details["line"], error.Details["column"]));
    }

    [Fact]
    public void Validate_TheIssuesBacktrackingPattern_IsValidAndCheap()
    {
        // Issue 7: with a backtracking engine this cost its timeout for every recipient.
        Assert.Empty(TemplateKit.Validate("{{ \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" | regex.match \"^(a+)+$\" }} {{ first_name }}"));
    }

    [Fact]
    public void Validate_EngineNames_AreReserved()
    {
        var error = Assert.Single(TemplateKit.Validate("{{ __spin 2 }}"));
        Assert.Equal(("template.reserved_name", "__spin"), (error.Code, error.Details["variable"]));
    }

    [Theory]
    [InlineData("Buy now: https://bit.ly/abc", "bit.ly", 1, 18)]
    [InlineData("Buy now:\n{tinyurl.com/x|our shop}", "tinyurl.com", 2, 2)]
    [InlineData("{{ 'see www.t.co/x' }}", "t.co", 1, 9)]
    public void Validate_ShortenerLink_IsAnErrorWithItsPlace(string text, string host, int line, int column)
    {
        var error = Assert.Single(TemplateKit.Validate(text));
        Assert.Equal(("template.shortener", host), (error.Code, error.Details["host"]));
        Assert.Equal((line, column), (error.Details["line"], error.Details["column"]));
    }

    [Fact]
    public void Validate_ConfiguredShortener_IsRefusedToo()
    {
        var options = new TemplateOptions();
        options.ExtraShorteners.Add("rb.gy");

        var error = Assert.Single(TemplateKit.Validate("Go to rb.gy/abc", options: options));
        Assert.Equal("rb.gy", error.Details["host"]);
        Assert.Empty(TemplateKit.Validate("Go to rb.gy/abc"));
    }

    [Fact]
    public void Validate_TextLongerThanWhatsAppAccepts_IsTooLong()
    {
        var error = Assert.Single(TemplateKit.Validate(new string('x', 4_083) + "{{ first_name }}{ and more text|" + new string('y', 200) + "}"));
        Assert.Equal(("template.too_long", 4_097, 4_096), (error.Code, error.Details["length"], error.Details["limit"]));
    }

    [Fact]
    public void Validate_TextAtTheLimit_IsFine() => Assert.Empty(TemplateKit.Validate(new string('x', 4_096)));

    [Fact]
    public void Validate_CaptionLongerThanWhatsAppAccepts_IsTooLong()
    {
        var error = Assert.Single(TemplateKit.Validate(null, new MediaDraft("image", "https://example.com/a.jpg", Caption: new string('x', 1_025))));
        Assert.Equal(("template.too_long", "media.caption", 1_024), (error.Code, error.Field, error.Details["limit"]));
    }

    [Fact]
    public void Validate_TemplateTooLongToRead_IsRefusedBeforeReading()
    {
        var error = Assert.Single(TemplateKit.Validate(new string('{', 30_000)));
        Assert.Equal("template.source_too_long", error.Code);
    }

    [Fact]
    public void Validate_MediaWithoutFileNameOrWithUnknownType_ReportsBoth()
    {
        var errors = TemplateKit.Validate(null, new MediaDraft("document", "https://example.com/a.pdf", Caption: "Our offer, {{ first_name }}"));
        Assert.Equal(["media.file_name_required"], errors.Select(e => e.Code));

        errors = TemplateKit.Validate(null, new MediaDraft("gif", "https://example.com/a.gif"));
        Assert.Equal(["media.unknown_type"], errors.Select(e => e.Code));
    }

    [Fact]
    public void Validate_MediaAndText_IsRefused() =>
        Assert.Equal("template.text_with_media", Assert.Single(TemplateKit.Validate("Hi", new MediaDraft("image", "https://example.com/a.jpg"))).Code);

    [Fact]
    public void Validate_BlankCaption_IsEmpty() =>
        Assert.Equal(
            ("template.empty", "media.caption"),
            Assert.Single(TemplateKit.Validate(null, new MediaDraft("image", "https://example.com/a.jpg", Caption: "   "))) is var e ? (e.Code, e.Field) : default);

    [Fact]
    public void Validate_ManyProblems_AreAllReportedAtOnce()
    {
        var errors = TemplateKit.Validate(
            null,
            new MediaDraft("document", "https://example.com/a.pdf", Caption: "{Hi|Hey {{ frist_name }} see bit.ly/x {{ include 'x' }}\n{{ 1 + }}"));

        // A syntax error stops the names being read (there is no tree), but nothing else.
        Assert.Equal(
            ["media.file_name_required", "template.spintax_unclosed", "template.shortener", "template.syntax"],
            errors.Select(e => e.Code));

        errors = TemplateKit.Validate(
            null, new MediaDraft("sticker", null, Caption: "{Hi|Hey {{ frist_name }} see bit.ly/x {{ include 'x' }}"));
        Assert.Equal(
            ["media.unknown_type", "media.source_missing", "template.spintax_unclosed", "template.unknown_variable", "template.shortener", "template.function_not_allowed"],
            errors.Select(e => e.Code));
        Assert.All(errors.Skip(2), e => Assert.Equal("media.caption", e.Field));
    }

    [Fact]
    public void Compile_Invalid_ReturnsOneErrorListingAll()
    {
        var result = TemplateKit.Compiler().Compile(new TemplateDraft("{{ nope }} {{ nada }}"), TemplateKit.Variables());

        Assert.False(result.IsSuccess);
        Assert.Equal("template.invalid", result.Error.Code);
        var listed = Assert.IsAssignableFrom<IReadOnlyList<IReadOnlyDictionary<string, object?>>>(result.Error.Details["errors"]);
        Assert.Equal(2, listed.Count);
    }

    [Theory]
    [InlineData("Hello", 1, true, false)]
    [InlineData("{Hi|Hello} {a|b|c}", 6, true, false)]
    [InlineData("{Hi|Hello{!|.}}", 4, true, false)] // upper bound: 3 paths
    [InlineData("{{ pick ['a', 'b'] }} {{ ['x', 'y', 'z'] | pick }} {{ pick 'p' 'q' }}", 12, true, false)]
    [InlineData("{{ for i in 1..2 }}{a|b}{{ end }}", 2, false, false)]
    [InlineData("{{ list = ['a', 'b']; pick list }}", 1, false, false)]
    [InlineData("{Hi|Hello} {{ first_name }}", 2, true, true)]
    [InlineData("{{ phone }}", 1, true, true)]
    public void Compile_CountsVariantsAndTellsWhetherTheTextIsPersonal(string text, long variants, bool upperBound, bool personal)
    {
        var template = TemplateKit.Compile(text);

        Assert.Equal((variants, upperBound, personal), (template.VariantCount, template.VariantCountIsUpperBound, template.UsesRecipientData));
    }

    [Fact]
    public void CheckVariation_TooFewVariantsForTheList_FailsBeforeRendering()
    {
        var template = TemplateKit.Compile("{Hi|Hello} there");

        Assert.Null(template.CheckVariation(20, 10));
        var error = template.CheckVariation(21, 10);
        Assert.NotNull(error);
        Assert.Equal(("template.variation_unreachable", 3L, 2L), (error.Code, error.Details["neededBodies"], error.Details["possibleBodies"]));
        Assert.Equal(ErrorKind.Validation, error.Kind);
    }
}
