using Campaigns.Bench.Cluster;
using static Campaigns.Bench.Tests.Cluster.Sends;

namespace Campaigns.Bench.Tests.Cluster;

public sealed class PacingFiguresTests
{
    private static readonly SenderPacing Pacing = new(1000, 1000, 5000); // mean gap 4,000 ms

    [Fact]
    public void Of_DrawnGapsRecorded_DividesTheirSumByTheSumOfActualGaps()
    {
        // Number a: drawn 2,000 then 3,000; received 2,500 and 3,500 apart → 5,000 / 6,000.
        var sends = new[] { Send("a", "1", 0), Send("a", "2", 2500), Send("a", "3", 6000) };
        var messages = new[] { Message("1", null), Message("2", 2000), Message("3", 3000) };

        var figures = PacingFigures.Of(sends, messages, Pacing);

        Assert.True(figures.DrawnGapsRecorded);
        Assert.Equal(5000.0 / 6000, figures.Utilisation, 6);
        Assert.Equal((3000.0, 2500.0), (figures.MeanActualGapMs, figures.MeanDrawnGapMs));
    }

    [Fact]
    public void Of_NoDrawnGapRecorded_TakesTheMeanGapOfThePacing()
    {
        var sends = new[] { Send("a", "1", 0), Send("a", "2", 5000) };

        var figures = PacingFigures.Of(sends, [Message("1", null), Message("2", null)], Pacing);

        Assert.False(figures.DrawnGapsRecorded);
        Assert.Equal(4000.0 / 5000, figures.Utilisation, 6);
    }

    [Fact]
    public void Of_DueTimesRecorded_GivesTheErrorOfTheReceiptBehindThem()
    {
        var sends = Enumerable.Range(0, 100).Select(i => Send("n" + i, i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1000 + i)).ToArray();
        var messages = Enumerable.Range(0, 100)
            .Select(i => Message(i.ToString(System.Globalization.CultureInfo.InvariantCulture), null) with { DueAt = T0.AddMilliseconds(1000) })
            .ToArray();

        var figures = PacingFigures.Of(sends, messages, Pacing);

        Assert.Equal((50.0, 99.0), (figures.ErrorP50Ms, figures.ErrorP99Ms));
    }

    [Fact]
    public void Of_NoDueTimeRecorded_SaysSoInsteadOfAFigure()
    {
        var figures = PacingFigures.Of([Send("a", "1", 0)], [Message("1", null)], Pacing);

        Assert.Null(figures.ErrorP50Ms);
        Assert.StartsWith("n/a", figures.ErrorText, StringComparison.Ordinal);
    }

    private static MessageRecord Message(string phone, double? drawnGapMs) =>
        new("+" + phone, "sent", null, null, null, null, 1, null, drawnGapMs, null);
}
