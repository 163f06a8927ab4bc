using System.Globalization;

namespace Campaigns.Bench.Cluster;

/// <summary>
/// A Prometheus histogram read from <c>/metrics</c> text: cumulative counts per upper bound (<c>le</c>), summed over
/// every label set (and every process, with <see cref="Plus"/>). Quantiles are interpolated linearly inside a bucket,
/// as Prometheus's <c>histogram_quantile</c> does, so they are as fine as the buckets.
/// </summary>
internal sealed record Histogram(IReadOnlyDictionary<double, double> Cumulative)
{
    public static Histogram Empty { get; } = new(new Dictionary<double, double>());

    public double Count => Cumulative.Count == 0 ? 0 : Cumulative.MaxBy(b => b.Key).Value;

    /// <summary>The histogram <paramref name="name"/> (without <c>_bucket</c>) in a Prometheus text exposition.</summary>
    public static Histogram Parse(string exposition, string name)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var buckets = new Dictionary<double, double>();
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name + "_bucket{", StringComparison.Ordinal))
            {
                continue;
            }

            var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var bound = line[le..line.IndexOf('"', le)];
            var upper = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, NumberStyles.Float, CultureInfo.InvariantCulture);
            var value = double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);
            buckets[upper] = buckets.GetValueOrDefault(upper) + value;
        }

        return new Histogram(buckets);
    }

    public Histogram Plus(Histogram other) => Combine(other, 1);

    public Histogram Minus(Histogram earlier) => Combine(earlier, -1);

    /// <summary>The <paramref name="q"/> quantile; null when the histogram is empty; the last finite bound when it falls in +Inf.</summary>
    public double? Quantile(double q)
    {
        var total = Count;
        if (total <= 0)
        {
            return null;
        }

        var rank = q * total;
        var lower = 0.0;
        var below = 0.0;
        foreach (var (upper, cumulative) in Cumulative.OrderBy(b => b.Key))
        {
            if (cumulative >= rank)
            {
                if (double.IsPositiveInfinity(upper))
                {
                    return lower;
                }

                var inBucket = cumulative - below;
                return inBucket <= 0 ? upper : lower + ((upper - lower) * (rank - below) / inBucket);
            }

            lower = upper;
            below = cumulative;
        }

        return lower;
    }

    private Histogram Combine(Histogram other, int sign)
    {
        var buckets = new Dictionary<double, double>(Cumulative);
        foreach (var (upper, value) in other.Cumulative)
        {
            buckets[upper] = buckets.GetValueOrDefault(upper) + (sign * value);
        }

        return new Histogram(buckets);
    }
}
