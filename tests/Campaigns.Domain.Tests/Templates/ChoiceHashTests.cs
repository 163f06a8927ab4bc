using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Tests.Templates;

public sealed class ChoiceHashTests
{
    private static readonly Guid Seed = Guid.Parse("0197a5d2-3c4e-7f00-8a1b-2c3d4e5f6a7b");

    // Pinned: a change here would change what re-rendered campaigns send.
    [Fact]
    public void ForRecipient_KnownValue_DoesNotChange() =>
        Assert.Equal(PinnedValue, ChoiceHash.ForRecipient(Seed, "+254712345678"));

    [Fact]
    public void ForRecipient_OtherSeedOrNumber_Differs()
    {
        var hash = ChoiceHash.ForRecipient(Seed, "+254712345678");
        Assert.NotEqual(hash, ChoiceHash.ForRecipient(Guid.NewGuid(), "+254712345678"));
        Assert.NotEqual(hash, ChoiceHash.ForRecipient(Seed, "+254712345679"));
    }

    [Fact]
    public void Choose_ManyRecipients_SpreadsEvenly()
    {
        var counts = new int[3];
        for (var i = 0; i < 30_000; i++)
        {
            counts[ChoiceHash.Choose(ChoiceHash.ForRecipient(Seed, $"+2547{i:D8}"), 0, 3)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void Choose_DifferentPositions_AreIndependent()
    {
        var same = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var recipient = ChoiceHash.ForRecipient(Seed, $"+2547{i:D8}");
            same += ChoiceHash.Choose(recipient, 0, 2) == ChoiceHash.Choose(recipient, 1, 2) ? 1 : 0;
        }

        Assert.InRange(same, 4_700, 5_300);
    }

    private const ulong PinnedValue = 14612387255764921860;
}
