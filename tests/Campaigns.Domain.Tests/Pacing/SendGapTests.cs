using Campaigns.Domain.Pacing;
using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Tests.Pacing;

public sealed class SendGapTests
{
    private static readonly LocalDate Day = new(2026, 11, 26);

    public static TheoryData<int, int, int, double> FloorCases => new()
    {
        { 1000, 1000, 5000, 0 },
        { 1000, 1000, 5000, FixedRandomSource.JustUnderOne },
        { 1000, 0, 0, 0 },
        { 1000, 0, 0, FixedRandomSource.JustUnderOne },
        { 2500, 0, 0, 0 },
        { 2500, 0, 3000, 0.5 },
        { 60000, 0, 10, FixedRandomSource.JustUnderOne },
    };

    [Theory]
    [MemberData(nameof(FloorCases))]
    public void Draw_AnyDraw_IsNeverUnderTheFloor(int intervalMs, int jitterMinMs, int jitterMaxMs, double draw)
    {
        var settings = CreateSettings(intervalMs, jitterMinMs, jitterMaxMs);

        var gap = SendGap.Draw(settings, new FixedRandomSource(draw));

        Assert.True(gap >= Duration.FromMilliseconds(Math.Max(intervalMs, 1000)), $"gap {gap} is under the floor");
        Assert.Equal(Duration.FromMilliseconds(Math.Max(intervalMs, 1000)), SendGap.Floor(settings));
    }

    [Fact]
    public void Draw_DrawZero_IsFloorPlusJitterMinExactly() =>
        Assert.Equal(Duration.FromMilliseconds(1500 + 700), SendGap.Draw(CreateSettings(1500, 700, 4200), new FixedRandomSource(0)));

    [Fact]
    public void Draw_DrawJustUnderOne_IsFloorPlusJitterMaxExactly() =>
        Assert.Equal(Duration.FromMilliseconds(1500 + 4200), SendGap.Draw(CreateSettings(1500, 700, 4200), new FixedRandomSource(FixedRandomSource.JustUnderOne)));

    [Fact]
    public void Draw_DrawHalf_IsTheMiddleOfTheJitterRange() =>
        Assert.Equal(Duration.FromMilliseconds(1000 + 3000), SendGap.Draw(CreateSettings(1000, 1000, 5000), new FixedRandomSource(0.5)));

    [Fact]
    public void Draw_OneSecondAndNoJitter_IsExactlyOneSecondEveryTime()
    {
        var settings = CreateSettings(1000, 0, 0);
        var random = new SeededRandomSource(8);

        var gaps = Enumerable.Range(0, 1000).Select(_ => SendGap.Draw(settings, random)).Distinct();

        Assert.Equal([Duration.FromSeconds(1)], gaps);
    }

    [Fact]
    public void Draw_DefaultSettings_SpreadsOverOneToFiveSecondsOfJitter()
    {
        var settings = SenderSettings.Create("UTC", Day).Value;
        var random = new SeededRandomSource(42);

        var gaps = Enumerable.Range(0, 10_000).Select(_ => SendGap.Draw(settings, random).TotalMilliseconds).ToList();

        Assert.All(gaps, gap => Assert.InRange(gap, 2000, 6000));
        Assert.InRange(gaps.Min(), 2000, 2010);
        Assert.InRange(gaps.Max(), 5990, 6000);
        Assert.InRange(gaps.Average(), 3950, 4050);
    }

    [Fact]
    public void Draw_SameSeed_ReplaysTheSameGaps()
    {
        var settings = SenderSettings.Create("UTC", Day).Value;
        var first = new SeededRandomSource(7);
        var second = new SeededRandomSource(7);

        var a = Enumerable.Range(0, 100).Select(_ => SendGap.Draw(settings, first)).ToList();
        var b = Enumerable.Range(0, 100).Select(_ => SendGap.Draw(settings, second)).ToList();

        Assert.Equal(a, b);
        Assert.True(a.Distinct().Count() > 90, "the gaps are drawn, not constant");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Draw_SourceOutsideZeroToOne_Throws(double draw) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SendGap.Draw(CreateSettings(1000, 0, 10), new FixedRandomSource(draw)));

    [Fact]
    public void Mean_DefaultSettings_IsFourSeconds() =>
        Assert.Equal(Duration.FromSeconds(4), SendGap.Mean(SenderSettings.Create("UTC", Day).Value));

    private static SenderSettings CreateSettings(int intervalMs, int jitterMinMs, int jitterMaxMs) =>
        SenderSettings.Create("UTC", Day, minIntervalMs: intervalMs, jitterMinMs: jitterMinMs, jitterMaxMs: jitterMaxMs).Value;
}
