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

        var figures = PacingFigures.Of(sends, messages, Pacing, Histogram.Empty);

        Assert.True(figures.DrawnGapsRecorded);
        Assert.Equal(5000.0 / 6000, figures.Utilisation, 6);
        Assert.Equal((3000.0, 2500.0), (figures.MeanActualGapMs, figures.MeanDrawnGapMs));
    }

    [Fact]
    public void Of_NoDrawnGapRecorded_TakesTheMeanGapOfThePacing()
    {
        var sends = new[] { Send("a", "1", 0), Send("a", "2", 5000) };

        var figures = PacingFigures.Of(sends, [Message("1", null), Message("2", null)], Pacing, Histogram.Empty);

        Assert.False(figures.DrawnGapsRecorded);
        Assert.Equal(4000.0 / 5000, figures.Utilisation, 6);
        Assert.Equal(2 * (4000 / Math.Sqrt(12)) / 5000, figures.UtilisationError!.Value, 6); // one estimated gap
    }

    [Fact]
    public void Of_DueTimesRecorded_GivesTheErrorOfTheReceiptBehindThem()
    {
        var sends = Enumerable.Range(0, 100).Select(i => Send("n" + i, i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1000 + i)).ToArray();
        var messages = Enumerable.Range(0, 100)
            .Select(i => Message(i.ToString(System.Globalization.CultureInfo.InvariantCulture), null) with { DueAt = T0.AddMilliseconds(1000) })
            .ToArray();

        var figures = PacingFigures.Of(sends, messages, Pacing, Histogram.Empty);

        Assert.Equal((50.0, 99.0), (figures.ErrorP50Ms, figures.ErrorP99Ms));
    }

    [Fact]
    public void Of_NoDueTimeRecorded_SaysSoInsteadOfAFigure()
    {
        var figures = PacingFigures.Of([Send("a", "1", 0)], [Message("1", null)], Pacing, Histogram.Empty);

        Assert.Null(figures.ErrorP50Ms);
        Assert.Equal(("n/a", null), (figures.ErrorText, figures.ErrorSource));
    }

    [Fact]
    public void Of_NoDueTimeButTheClaimLagHistogram_TakesItsQuantiles()
    {
        var lag = Histogram.Parse("h_bucket{le=\"10\"} 50\nh_bucket{le=\"100\"} 100\nh_bucket{le=\"+Inf\"} 100", "h");

        var figures = PacingFigures.Of([Send("a", "1", 0)], [Message("1", null)], Pacing, lag);

        Assert.Equal((10.0, 98.2), (figures.ErrorP50Ms, Math.Round(figures.ErrorP99Ms!.Value, 1)));
    }

    private static MessageRecord Message(string phone, double? drawnGapMs) =>
        new("+" + phone, "sent", null, null, null, null, 1, null, drawnGapMs, null);
}
