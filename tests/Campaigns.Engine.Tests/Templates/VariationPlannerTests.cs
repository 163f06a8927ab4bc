using Campaigns.Engine.Templates;

namespace Campaigns.Engine.Tests.Templates;

public sealed class VariationPlannerTests
{
    // 10 × 10 × 10 × 10 = 10,000 bodies: exactly enough for 100,000 recipients at 10 each.
    private const string TenThousandVariants =
        "{Hi|Hello|Hey|Howdy|Greetings|Good day|Hiya|Yo|Dear friend|Welcome}, "
        + "{our|the|this week's|today's|a new|a special|the big|a fresh|an exclusive|the best} "
        + "{offer|deal|sale|discount|bargain|promo|price cut|saving|treat|bonus} "
        + "{is here|awaits|is live|starts now|has landed|is on|is yours|is ready|is open|just dropped}.";

    public static TheoryData<int, string, int, int, bool, long, long> Lists => new()
    {
        // recipients, template, distinct first names (0: no names), maxIdentical, holds, needed, possible
        { 5, "Hello there", 0, 10, true, 0, 0 },
        { 5, "{Hi|Hello} there", 0, 2, false, 3, 2 },
        { 11, "Hello there", 0, 10, false, 2, 1 },
        { 11, "{Hi|Hello} there", 0, 10, true, 0, 0 },
        { 1_000, "{Hi|Hello|Hey|Good day} {{ first_name }}, {an offer|a deal} for you.", 20, 10, true, 0, 0 },
        { 1_000, "{Hi|Hello|Hey|Good day}, {an offer|a deal} for you.", 0, 10, false, 100, 8 },
        { 100_000, TenThousandVariants, 0, 10, true, 0, 0 },
        { 100_000, "{Hi|Hello} there", 0, 10, false, 10_000, 2 },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void Plan_List_KeepsTheRuleOrSaysWhatIsMissing(
        int recipients, string text, int names, int maxIdentical, bool holds, long needed, long possible)
    {
        var template = TemplateKit.Compile(text);
        var planner = new VariationPlanner(template, TemplateKit.Seed, maxIdentical);
        var bodies = new Dictionary<string, int>();
        long ready = 0;

        foreach (var recipient in Recipients(recipients, names))
        {
            var planned = planner.Plan(recipient);
            if (planned.Status == PlanStatus.Ready)
            {
                ready++;
                var key = Convert.ToHexString(planned.Message!.BodyHash);
                bodies[key] = bodies.GetValueOrDefault(key) + 1;
            }
        }

        var summary = planner.Summary;
        Assert.Equal(holds, summary.RuleHolds);
        Assert.Equal(recipients, summary.Recipients);
        Assert.Equal(ready, summary.Ready);
        Assert.Equal(recipients, summary.Ready + summary.OverLimit);
        Assert.True(bodies.Values.Max() <= maxIdentical, "no body may go to more recipients than allowed");
        Assert.Equal(bodies.Values.Max(), summary.LargestShare);
        Assert.Equal(bodies.Count, summary.DistinctBodies);
        if (holds)
        {
            Assert.Null(summary.Shortfall);
            Assert.Null(summary.ToError());
        }
        else
        {
            Assert.Equal(recipients - possible * maxIdentical, summary.OverLimit);
            Assert.Equal(new VariationShortfall(recipients, needed, possible), summary.Shortfall);
            var error = summary.ToError();
            Assert.NotNull(error);
            Assert.Equal("template.variation_unreachable", error.Code);
            Assert.Equal((needed, possible), (error.Details["neededBodies"], error.Details["possibleBodies"]));
            Assert.Contains("Add variants", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Plan_SameListTwice_GivesEveryoneTheSameBody()
    {
        var template = TemplateKit.Compile("{Hi|Hello|Hey} {there|friend}!");

        Assert.Equal(Bodies(template, 60), Bodies(template, 60));
    }

    [Fact]
    public void Plan_OwnBodyNotFull_IsTheRecipientsOwnText()
    {
        var template = TemplateKit.Compile("{Hi|Hello|Hey} {{ first_name }}, {{ pick ['bye', 'ciao'] }}");
        var planner = new VariationPlanner(template, TemplateKit.Seed);
        var renderer = new MessageRenderer(template, TemplateKit.Seed);

        foreach (var recipient in Recipients(200, names: 200))
        {
            Assert.Equal(renderer.Render(recipient).Value.Text, planner.Plan(recipient).Message!.Text);
        }
    }

    [Fact]
    public void Plan_NestedGroupsAndPick_AreAllUsedWhenNeeded()
    {
        // {a|b{c|d}} makes 3 texts and pick 2 more ways each: 6 × 10 = 60 recipients fit exactly.
        var template = TemplateKit.Compile("{a|b{c|d}} {{ pick ['x', 'y'] }}");

        var summary = VariationPlanner.Summarize(template, Recipients(60, 0), TemplateKit.Seed);
        Assert.True(summary.RuleHolds);
        Assert.Equal((6, 10), (summary.DistinctBodies, summary.LargestShare));

        summary = VariationPlanner.Summarize(template, Recipients(61, 0), TemplateKit.Seed);
        Assert.Equal((1, 7L, 6L), (summary.OverLimit, summary.Shortfall!.NeededBodies, summary.Shortfall.PossibleBodies));
    }

    [Fact]
    public void Plan_ChoicesThatRenderTheSameText_CountAsOneBody()
    {
        var template = TemplateKit.Compile("{Hello|hello|HELLO } there");

        var summary = VariationPlanner.Summarize(template, Recipients(11, 0), TemplateKit.Seed);

        Assert.Equal((1, 1L, 2L, 1L), (summary.OverLimit, summary.DistinctBodies, summary.Shortfall!.NeededBodies, summary.Shortfall.PossibleBodies));
    }

    [Fact]
    public void Plan_OnlySomeRecipientsShareTheirData_NamesThoseInTheShortfall()
    {
        // 950 recipients with their own names and 50 without one: only the 50 share a text.
        var template = TemplateKit.Compile("{Hi|Hello} {{ first_name }}");
        var recipients = Enumerable.Range(0, 1_000).Select(i =>
            TemplateKit.Recipient(TemplateKit.Phone(i), ("First Name", i < 950 ? $"Name{i}" : "")));

        var summary = VariationPlanner.Summarize(template, recipients, TemplateKit.Seed);

        Assert.Equal(30, summary.OverLimit);
        Assert.Equal(new VariationShortfall(50, 5, 2), summary.Shortfall);
    }

    [Fact]
    public void Plan_FailedOrEmptyRender_IsSkippedWithTheReasonAndNotCounted()
    {
        var template = TemplateKit.Compile("{{ note }}");
        var planner = new VariationPlanner(template, TemplateKit.Seed);

        var empty = planner.Plan(TemplateKit.Recipient(TemplateKit.Phone(1), ("Note", "")));
        var tooLong = planner.Plan(TemplateKit.Recipient(TemplateKit.Phone(2), ("Note", new string('x', 5_000))));
        var shortener = planner.Plan(TemplateKit.Recipient(TemplateKit.Phone(3), ("Note", "bit.ly/x")));
        var fine = planner.Plan(TemplateKit.Recipient(TemplateKit.Phone(4), ("Note", "Hello")));

        Assert.Equal(
            [(PlanStatus.Skipped, "render.empty"), (PlanStatus.Skipped, "render.too_long"), (PlanStatus.Skipped, "render.shortener"), (PlanStatus.Ready, null)],
            new[] { empty, tooLong, shortener, fine }.Select(p => (p.Status, p.Reason?.Code)));
        Assert.Equal((4L, 1L, 3L, 1L), (planner.Summary.Recipients, planner.Summary.Ready, planner.Summary.Skipped, planner.Summary.DistinctBodies));
        Assert.True(planner.Summary.RuleHolds);
    }

    [Fact]
    public void Plan_MediaWithoutCaption_CountsTheSameEmptyCaption()
    {
        var template = TemplateKit.CompileMedia(new global::Campaigns.Domain.Templates.MediaDraft("image", "https://example.com/a.jpg"));

        var summary = VariationPlanner.Summarize(template, Recipients(11, 0), TemplateKit.Seed);

        Assert.Equal((10L, 1L), (summary.Ready, summary.OverLimit));
    }

    private static List<string> Bodies(MessageTemplate template, int count)
    {
        var planner = new VariationPlanner(template, TemplateKit.Seed);
        return Recipients(count, 0).Select(r => planner.Plan(r).Message!.Text).ToList();
    }

    /// <summary>Lazy synthetic recipients: distinct numbers; <paramref name="names"/> first names in turn, or none.</summary>
    private static IEnumerable<TemplateRecipient> Recipients(int count, int names)
    {
        for (var i = 0; i < count; i++)
        {
            yield return names == 0
                ? TemplateKit.Recipient(TemplateKit.Phone(i))
                : TemplateKit.Recipient(TemplateKit.Phone(i), ("First Name", $"Name{i % names}"));
        }
    }
}
