using Campaigns.Domain.Templates;
using Campaigns.Engine.Templates;
using Scriban;
using Scriban.Runtime;

namespace Campaigns.Engine.Tests.Templates;

public sealed class MessageRendererTests
{
    [Fact]
    public void Render_Variables_ByHeaderAliasAndPhone()
    {
        var template = TemplateKit.Compile("{{ first_name }} {{ last_name }} of {{ City }}/{{ city }}, {{ phone }} {{ mobile }} [{{ e_mail }}]");

        Assert.Equal("Ann Otieno of Nairobi/Nairobi, +254712345678 +254712345678 []", TemplateKit.Render(template, TemplateKit.Ann));
    }

    [Fact]
    public void Render_Escapes_WriteLiteralBracesAndBars()
    {
        var template = TemplateKit.Compile(@"\{\{ first_name \}\} is written {{ first_name }} \| {a\|b|a\|b} C:\path\\x {%{ {{raw}} }%}");

        Assert.Equal(@"{{ first_name }} is written Ann | a|b C:\path\x  {{raw}} ", TemplateKit.Render(template, TemplateKit.Ann) + " ");
    }

    [Fact]
    public void Render_ScribanInsideOptions_IsKeptWhole()
    {
        var template = TemplateKit.Compile("{Hi {{ first_name | string.upcase }}|Hi {{ first_name | string.upcase }}}!");

        Assert.Equal("Hi ANN!", TemplateKit.Render(template, TemplateKit.Ann));
    }

    [Theory]
    [InlineData("{Hi|Hello|Hey} {there|friend}, {{ first_name }}.")]
    [InlineData("{Hi|Hello{!| there}} {{ pick ['a', 'b', 'c'] }} {{ ['x', 'y'] | pick }} {{ pick 'p' 'q' 'r' }}")]
    public void Render_SameRecipientAndSeed_GetsTheSameTextEveryTime(string text)
    {
        var template = TemplateKit.Compile(text);
        var recipients = Enumerable.Range(0, 50).Select(i => TemplateKit.Recipient(TemplateKit.Phone(i), ("First Name", "Ann"))).ToArray();

        var first = recipients.Select(r => TemplateKit.Render(template, r)).ToArray();
        var again = recipients.Reverse().Select(r => TemplateKit.Render(TemplateKit.Compile(text), r)).Reverse().ToArray();

        Assert.Equal(first, again);
        Assert.True(first.Distinct().Count() > 3, "different recipients should get different choices");
    }

    [Fact]
    public void Render_OtherSeed_ChoosesAfresh()
    {
        var template = TemplateKit.Compile("{a|b|c|d} {{ pick ['1', '2', '3', '4'] }}");
        var recipients = Enumerable.Range(0, 40).Select(i => TemplateKit.Recipient(TemplateKit.Phone(i))).ToArray();

        var one = recipients.Select(r => TemplateKit.Render(template, r, TemplateKit.Seed));
        var other = recipients.Select(r => TemplateKit.Render(template, r, Guid.Parse("0197a5d2-0000-7000-8000-000000000001")));

        Assert.NotEqual(one, other);
    }

    [Fact]
    public void Render_ManyRecipients_UseEveryOptionAboutEvenly()
    {
        var template = TemplateKit.Compile("{a|b|c} {{ pick ['x', 'y'] }}");
        var renderer = new MessageRenderer(template, TemplateKit.Seed);

        var counts = Enumerable.Range(0, 6_000)
            .Select(i => renderer.Render(TemplateKit.Recipient(TemplateKit.Phone(i))).Value.Text)
            .CountBy(t => t)
            .ToDictionary();

        Assert.Equal(6, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 850, 1_150));
    }

    [Fact]
    public void Render_AssignmentsDoNotLeakToTheNextRecipient()
    {
        var template = TemplateKit.Compile("{{ if first_name == 'Ann'; greeting = 'Dear'; first_name = 'Queen'; end }}{{ greeting }} {{ first_name }}");
        var renderer = new MessageRenderer(template, TemplateKit.Seed);

        Assert.Equal("Dear Queen", renderer.Render(TemplateKit.Ann).Value.Text);
        Assert.Equal("Bob", renderer.Render(TemplateKit.Recipient(fields: ("First Name", "Bob"))).Value.Text);
    }

    [Fact]
    public void Render_BodyHash_IsOfTheNormalForm()
    {
        var template = TemplateKit.Compile("  Hello   {{ first_name }}\r\n");
        var renderer = new MessageRenderer(template, TemplateKit.Seed);

        var message = renderer.Render(TemplateKit.Ann).Value;

        Assert.Equal("Hello   Ann", message.Text);
        Assert.Equal(MessageBody.Hash("hello ann"), message.BodyHash);
    }

    [Theory]
    [InlineData("{{ \"x\".GetType() }}")]
    [InlineData("{{ \"x\".GetType }}")]
    [InlineData("{{ first_name.Length }}")]
    [InlineData("{Hi|Hello} {{ first_name.GetType().Assembly }}")]
    public void Render_DotNetMembers_AreNotVisible(string text)
    {
        var error = TemplateKit.RenderError(TemplateKit.Compile(text), TemplateKit.Ann);

        Assert.Equal("render.failed", error.Code);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RuntimeError_GivesThePlaceInTheTemplateAsWritten()
    {
        var error = TemplateKit.RenderError(TemplateKit.Compile("{Hi|Hello} there,\n{a|b} {{ first_name.Length }}"), TemplateKit.Ann);

        Assert.Equal((2, 21), (error.Details["line"], error.Details["column"])); // at "Length"
    }

    [Fact]
    public void Sandbox_Builtins_HaveNoFileEvalClockOrRandomness()
    {
        var builtins = TemplateSandbox.CreateBuiltins(new ChoiceSource());

        Assert.False(builtins.ContainsKey("include"));
        Assert.False(builtins.ContainsKey("include_join"));
        Assert.False(Assert.IsType<ScriptObject>(builtins["object"], exactMatch: false).ContainsKey("eval"));
        Assert.False(Assert.IsType<ScriptObject>(builtins["math"], exactMatch: false).ContainsKey("random"));
        Assert.False(Assert.IsType<ScriptObject>(builtins["date"], exactMatch: false).ContainsKey("now"));
        Assert.True(Assert.IsType<ScriptObject>(TemplateContext.GetDefaultBuiltinObject()["math"], exactMatch: false).ContainsKey("random"), "Scriban's own defaults are left alone");
        Assert.Null(TemplateSandbox.CreateContext(builtins, new TemplateOptions()).TemplateLoader);
    }

    // Every limit counts work, never time: reaching one fails the template as a whole (template.limit_exceeded), not one recipient.
    [Theory]
    [InlineData("{{ for i in 1..100000 }}x{{ end }}", "more than 1,000 iterations (Campaigns:Templates:LoopLimit)")]
    [InlineData("{{ while true; end }}", "more than 1,000 iterations")]
    [InlineData("{{ func f; ret f; end; f }}", "more than 20 deep (Campaigns:Templates:RecursionLimit)")]
    [InlineData("{{ func f(n); ret f(n + 1); end; f 1 }}", "more than 20 deep")]
    [InlineData("{{ (1..10000000) | array.join ',' }}", "Campaigns:Templates:LoopLimit")]
    [InlineData("{{ (1..10000000) | array.each @string.upcase | array.size }}", "Campaigns:Templates:LoopLimit")]
    [InlineData("{{ 'x' | string.pad_left 10000000 }}", "longer than 16,384 characters (Campaigns:Templates:OutputLimit)")]
    [InlineData("{{ for i in 1..900 }}xxxxxxxxxxxxxxxxxxxxxxxxx{{ end }}", "Campaigns:Templates:OutputLimit")]
    [InlineData("{{ x = 'ab'; for i in 1..20; x = x + x; end; x | string.size }}", "Campaigns:Templates:OutputLimit")]
    public void Render_PastALimitForOneRecipient_FailsTheTemplateAndTheRendererRecovers(string code, string reason)
    {
        // Only Ann's data reaches the limit, so validation (which renders with every variable empty) lets it through.
        var template = TemplateKit.Compile("{{ if first_name == 'Ann' }}" + code + "{{ end }}{{ first_name }}");
        var renderer = new MessageRenderer(template, TemplateKit.Seed);

        var error = renderer.Render(TemplateKit.Ann).Error;

        Assert.Equal(TemplateErrors.LimitExceededCode, error.Code);
        Assert.True(MessageRenderer.IsTemplateFailure(error));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Details["line"]);
        Assert.InRange((int)error.Details["column"]!, 29, 28 + code.Length); // in the code that went too far
        Assert.Equal("Bob", renderer.Render(TemplateKit.Recipient(fields: ("First Name", "Bob"))).Value.Text);
    }

    [Fact]
    public void Render_RuntimeErrorThatIsNoLimit_SkipsOnlyThatRecipient()
    {
        var error = TemplateKit.RenderError(TemplateKit.Compile("{{ if first_name == 'Ann'; first_name.Length; end }}{{ first_name }}"), TemplateKit.Ann);

        Assert.Equal("render.failed", error.Code);
        Assert.False(MessageRenderer.IsTemplateFailure(error));
    }

    [Fact]
    public void Render_CatastrophicBacktrackingPattern_AnswersAtOnce()
    {
        // A backtracking engine takes 2^43 steps on this text; patterns in templates run without backtracking.
        var template = TemplateKit.Compile(
            "{{ \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" | regex.match \"^(a+)+$\" | array.size }} "
            + "{{ first_name | regex.match `^(A)(n+)$` }} {{ first_name | regex.replace `n` `N` }} {{ 'a,b;c' | regex.split `[,;]` | array.join '-' }} "
            + "{{ 'x1y22' | regex.matches `\\d+` | array.size }} {{ first_name | regex.match `^a` 'i' | array.first }}");

        Assert.Equal("0 [\"Ann\", \"A\", \"nn\"] ANN a-b-c 2 A", TemplateKit.Render(template, TemplateKit.Ann));
    }

    [Fact]
    public void Render_RegexPastItsMatchTimeout_FailsTheTemplate()
    {
        var options = new TemplateOptions { RegexTimeout = TimeSpan.FromMilliseconds(1) };
        var template = TemplateKit.Compile("{{ note | regex.replace `(a|b)*c` 'x' | string.size }}", options);
        var note = string.Concat(Enumerable.Repeat("ab", 2_000_000));

        var error = TemplateKit.RenderError(template, TemplateKit.Recipient(fields: ("Note", note)));

        Assert.Equal(TemplateErrors.LimitExceededCode, error.Code);
        Assert.Contains("match timeout of 1 ms (Campaigns:Templates:RegexTimeout)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TextTooLongForThisRecipient_IsTooLong()
    {
        var error = TemplateKit.RenderError(TemplateKit.Compile("Note: {{ note }}"), TemplateKit.Recipient(fields: ("Note", new string('n', 4_091))));

        Assert.Equal(("render.too_long", 4_097, 4_096), (error.Code, error.Details["length"], error.Details["limit"]));
    }

    [Fact]
    public void Render_CaptionTooLongForThisRecipient_IsTooLong()
    {
        var template = TemplateKit.CompileMedia(new MediaDraft("image", "https://example.com/a.jpg", Caption: "{{ note }}"));

        var error = TemplateKit.RenderError(template, TemplateKit.Recipient(fields: ("Note", new string('n', 1_025))));

        Assert.Equal(("render.too_long", "media.caption", 1_024), (error.Code, error.Field, error.Details["limit"]));
    }

    [Fact]
    public void Render_EmptyForThisRecipient_IsEmpty() =>
        Assert.Equal("render.empty", TemplateKit.RenderError(TemplateKit.Compile("{{ note }}"), TemplateKit.Recipient(fields: ("Note", "  "))).Code);

    [Fact]
    public void Render_EmptyCaption_IsAMessage()
    {
        var template = TemplateKit.CompileMedia(new MediaDraft("image", "https://example.com/a.jpg", Caption: "{{ note }}"));

        Assert.Equal("", TemplateKit.Render(template, TemplateKit.Recipient(fields: ("Note", ""))));
        Assert.Equal(MediaType.Image, template.Media?.Type);
    }

    [Fact]
    public void Render_ShortenerFromTheContactsFields_IsRefused()
    {
        var error = TemplateKit.RenderError(TemplateKit.Compile("Your link: {{ link }}"), TemplateKit.Recipient(fields: ("Link", "https://bit.ly/abc")));

        Assert.Equal(("render.shortener", "bit.ly"), (error.Code, error.Details["host"]));
    }

    [Fact]
    public void Render_ForcedPath_TakesThoseChoices()
    {
        var template = TemplateKit.Compile("{a|b{c|d}} {{ pick ['x', 'y'] }}");
        var renderer = new MessageRenderer(template, TemplateKit.Seed);

        Assert.Equal("a x", renderer.Render(TemplateKit.Ann, []).Value.Text);
        Assert.Equal("bd y", renderer.Render(TemplateKit.Ann, [1, 1, 1]).Value.Text);
        Assert.Equal([new ChoicePoint(1, 2), new ChoicePoint(1, 2), new ChoicePoint(1, 2)], renderer.LastChoices);
        Assert.Equal("a y", renderer.Render(TemplateKit.Ann, [0, 1]).Value.Text);
    }

    [Fact]
    public void DataKey_DependsOnlyOnTheValuesTheTemplateReads()
    {
        var template = TemplateKit.Compile("{Hi|Hello} {{ first_name }}");
        var renderer = new MessageRenderer(template, TemplateKit.Seed);

        var ann = renderer.DataKey(TemplateKit.Recipient(TemplateKit.Phone(1), ("First Name", "Ann"), ("City", "Nairobi")));

        Assert.Equal(ann, renderer.DataKey(TemplateKit.Recipient(TemplateKit.Phone(2), ("First Name", "Ann"), ("City", "Mombasa"))));
        Assert.NotEqual(ann, renderer.DataKey(TemplateKit.Recipient(TemplateKit.Phone(1), ("First Name", "Bob"))));
    }
}
