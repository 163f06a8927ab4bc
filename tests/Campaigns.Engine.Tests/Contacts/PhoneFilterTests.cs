using Campaigns.Engine.Contacts;

namespace Campaigns.Engine.Tests.Contacts;

public sealed class PhoneFilterTests
{
    private static string Number(int i) => "+2547" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void MayContain_EveryAddedNumber_IsTrue()
    {
        var filter = new PhoneFilter(expected: 1_000); // far too small on purpose: false positives, never false negatives
        for (var i = 0; i < 100_000; i++)
        {
            filter.Add(Number(i));
        }

        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(filter.MayContain(Number(i)));
        }
    }

    [Fact]
    public void MayContain_NumbersNeverAdded_AreRarelyTrueAtTheExpectedSize()
    {
        var filter = new PhoneFilter(expected: 100_000);
        for (var i = 0; i < 100_000; i++)
        {
            filter.Add(Number(i * 2));
        }

        var falsePositives = Enumerable.Range(0, 100_000).Count(i => filter.MayContain(Number((i * 2) + 1)));

        Assert.InRange(falsePositives, 0, 1_000); // under 1%
    }
}
