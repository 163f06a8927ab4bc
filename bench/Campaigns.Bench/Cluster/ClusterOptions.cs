namespace Campaigns.Bench.Cluster;

/// <summary>What a bench cluster runs: how many Api processes, which sandbox instances, and extra configuration.</summary>
internal sealed record ClusterOptions
{
    /// <summary>Names the run's database (<c>campaigns_bench_&lt;name&gt;_…</c>) and its folder under <c>.data/bench</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Api processes on the one database, each with its Hangfire server (when the Api has one). Default 2.</summary>
    public int ApiProcesses { get; init; } = 2;

    public IReadOnlyList<SandboxInstance> Instances { get; init; } = [];

    /// <summary>Configuration for every Api process, as environment variables (<c>Dispatch__MaxInFlight</c>, …).</summary>
    public IReadOnlyDictionary<string, string> ApiSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long the sandbox takes to answer a send, drawn uniformly in [min, max] ms. Default 0: at once.</summary>
    public (int Min, int Max) SendLatencyMs { get; init; }

    /// <summary>Configuration for the sandbox, as environment variables; it overrides the bench's quiet defaults.</summary>
    public IReadOnlyDictionary<string, string> SandboxSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>The Api's and the Sandbox's console log level. Default <c>Information</c>.</summary>
    public string LogLevel { get; init; } = "Information";

    /// <summary>Build the hosts in Release first (incremental). Default true.</summary>
    public bool Build { get; init; } = true;

    /// <summary>Keep the run's database after the run, to look into. Default false: it is dropped.</summary>
    public bool KeepDatabase { get; init; }
}
