using Campaigns.Bench.Cluster;

namespace Campaigns.Bench.Tests.Cluster;

public sealed class HistogramTests
{
    private const string Exposition = """
        # TYPE campaigns_dispatch_claim_lag_milliseconds histogram
        campaigns_dispatch_claim_lag_milliseconds_bucket{otel_scope_name="Campaigns",le="0"} 0 1700000000000
        campaigns_dispatch_claim_lag_milliseconds_bucket{otel_scope_name="Campaigns",le="10"} 40 1700000000000
        campaigns_dispatch_claim_lag_milliseconds_bucket{otel_scope_name="Campaigns",le="50"} 90
        campaigns_dispatch_claim_lag_milliseconds_bucket{otel_scope_name="Campaigns",le="+Inf"} 100
        campaigns_dispatch_claim_lag_milliseconds_sum{otel_scope_name="Campaigns"} 2000
        campaigns_dispatch_claim_lag_milliseconds_count{otel_scope_name="Campaigns"} 100
        campaigns_dispatch_gap_milliseconds_bucket{otel_scope_name="Campaigns",le="10"} 7
        """;

    [Fact]
    public void Parse_Exposition_ReadsTheNamedHistogramsBucketsOnly()
    {
        var histogram = Histogram.Parse(Exposition, "campaigns_dispatch_claim_lag_milliseconds");

        Assert.Equal(100, histogram.Count);
        Assert.Equal(4, histogram.Cumulative.Count);
    }

    [Fact]
    public void Quantile_InsideABucket_InterpolatesLinearly()
    {
        var histogram = Histogram.Parse(Exposition, "campaigns_dispatch_claim_lag_milliseconds");

        Assert.Equal(5.0, histogram.Quantile(0.2)); // rank 20 of the 40 in [0, 10]
        Assert.Equal(18.0, histogram.Quantile(0.5)); // rank 50: 10 of the 50 in (10, 50]
        Assert.Equal(50.0, histogram.Quantile(0.99)); // in +Inf: the last finite bound
    }

    [Fact]
    public void Minus_EarlierScrape_LeavesWhatHappenedBetween()
    {
        var before = Histogram.Parse("h_bucket{le=\"10\"} 30\nh_bucket{le=\"+Inf\"} 30", "h");
        var after = Histogram.Parse("h_bucket{le=\"10\"} 30\nh_bucket{le=\"+Inf\"} 40", "h");

        var between = after.Minus(before);

        Assert.Equal(10, between.Count);
        Assert.Equal(10.0, between.Quantile(0.5));
    }
}
