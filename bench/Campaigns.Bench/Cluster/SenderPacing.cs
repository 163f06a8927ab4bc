namespace Campaigns.Bench.Cluster;

/// <summary>
/// The pacing every sender of a run is registered with: a gap of max(minInterval, 1 s) + jitter uniform in [min, max],
/// on the <see cref="Profile"/> given (<c>floor</c> unless told: the benchmarks measure throughput, and the default
/// <c>spread</c> profile would spread each sender's day over its open hours instead).
/// </summary>
internal sealed record SenderPacing(int MinIntervalMs, int JitterMinMs, int JitterMaxMs)
{
    /// <summary>The sender's pacing profile, as the API takes it: <c>floor</c> (default here) or <c>spread</c>.</summary>
    public string Profile { get; init; } = "floor";

    /// <summary>The production defaults (1 s + 1–5 s).</summary>
    public static SenderPacing Defaults { get; } = new(1000, 1000, 5000);

    /// <summary>The floor no two sends of one number may come closer than.</summary>
    public double FloorMs => Math.Max(MinIntervalMs, 1000);

    /// <summary>The mean of the drawn gap: the floor plus the mean jitter.</summary>
    public double MeanGapMs => FloorMs + ((JitterMinMs + JitterMaxMs) / 2.0);

    public override string ToString() => $"profile {Profile}, {FloorMs:F0} ms + {JitterMinMs}–{JitterMaxMs} ms jitter";
}
