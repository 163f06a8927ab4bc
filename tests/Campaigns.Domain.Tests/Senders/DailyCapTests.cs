using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Tests.Senders;

public sealed class DailyCapTests
{
    private static readonly LocalDate Day = new(2026, 11, 26);

    [Fact]
    public void For_SameSenderAndDay_IsAlwaysTheSame()
    {
        var sender = SenderId.New();
        var settings = SenderSettings.Create("UTC", Day.PlusDays(-100)).Value;

        Assert.Equal(DailyCap.For(sender, settings, Day), DailyCap.For(sender, settings, Day));
    }

    [Fact]
    public void For_ManyDays_StaysInRangeAndVaries()
    {
        var sender = SenderId.New();
        var settings = SenderSettings.Create("UTC", Day.PlusDays(-1000)).Value;

        var caps = Enumerable.Range(0, 365).Select(d => DailyCap.For(sender, settings, Day.PlusDays(d))).ToList();

        Assert.All(caps, cap => Assert.InRange(cap, 200, 300));
        Assert.True(caps.Distinct().Count() > 50, "the cap is drawn afresh each day");
        Assert.InRange(caps.Average(), 240, 260);
    }

    [Fact]
    public void For_YoungNumber_RampsUpOverThirtyDays()
    {
        var sender = SenderId.New();
        var settings = SenderSettings.Create("UTC", Day).Value;

        var first = DailyCap.For(sender, settings, Day);
        var middle = DailyCap.For(sender, settings, Day.PlusDays(15));
        var grown = DailyCap.For(sender, settings, Day.PlusDays(30));

        Assert.Equal(DailyCap.WarmUpStart, first);
        Assert.InRange(middle, 100, 160);
        Assert.InRange(grown, 200, 300);
    }
}
