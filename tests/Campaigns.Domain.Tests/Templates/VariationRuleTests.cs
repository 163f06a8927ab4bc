using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Tests.Templates;

public sealed class VariationRuleTests
{
    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(5, 10, 1)]
    [InlineData(10, 10, 1)]
    [InlineData(11, 10, 2)]
    [InlineData(100_000, 10, 10_000)]
    [InlineData(7, 1, 7)]
    public void NeededBodies_Recipients_IsCeilingOfRecipientsOverLimit(long recipients, int max, long expected) =>
        Assert.Equal(expected, VariationRule.NeededBodies(recipients, max));

    [Theory]
    [InlineData(11, 1, true, false, true)]
    [InlineData(11, 2, true, false, false)]
    [InlineData(1_000, 99, true, false, true)]
    [InlineData(1_000, 100, true, false, false)]
    [InlineData(11, 1, true, true, false)] // personal fields may make the difference: preparing decides
    [InlineData(11, 1, false, false, false)] // the count is only a lower bound
    public void CheckBeforeRendering_TooFewVariants_IsAnError(long recipients, long variants, bool upperBound, bool personal, bool fails)
    {
        var error = VariationRule.CheckBeforeRendering(recipients, 10, variants, upperBound, personal);

        Assert.Equal(fails, error is not null);
        if (error is not null)
        {
            Assert.Equal("template.variation_unreachable", error.Code);
            Assert.Equal(VariationRule.NeededBodies(recipients, 10), error.Details["neededBodies"]);
            Assert.Equal(variants, error.Details["possibleBodies"]);
        }
    }
}
