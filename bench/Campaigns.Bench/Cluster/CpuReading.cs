namespace Campaigns.Bench.Cluster;

/// <summary>CPU-seconds used so far by each of our processes (by name) and by PostgreSQL; subtract two readings for a run's cost.</summary>
internal sealed record CpuReading(IReadOnlyDictionary<string, double> Processes, double Postgres)
{
    public CpuReading Minus(CpuReading earlier) => new(
        Processes.ToDictionary(p => p.Key, p => p.Value - earlier.Processes.GetValueOrDefault(p.Key), StringComparer.Ordinal),
        Postgres - earlier.Postgres);

    /// <summary>The processes whose names start with <paramref name="prefix"/>, together.</summary>
    public double Of(string prefix) => Processes.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(p => p.Value);
}
