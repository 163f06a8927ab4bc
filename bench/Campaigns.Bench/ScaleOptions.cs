using Campaigns.Bench.Cluster;

namespace Campaigns.Bench;

/// <summary>
/// A scale run: one campaign of <see cref="Senders"/> × <see cref="MessagesPerSender"/> messages over that many senders,
/// the sandbox answering each send after a latency drawn in <see cref="LatencyMs"/>, <see cref="Processes"/> Api
/// processes (each an Api with its Hangfire server and dispatch loops) on one PostgreSQL.
/// </summary>
internal sealed record ScaleOptions
{
    public int Senders { get; init; } = 1000;

    public int MessagesPerSender { get; init; } = 20;

    public (int Min, int Max) LatencyMs { get; init; } = (500, 3000);

    public int Processes { get; init; } = 2;

    /// <summary>The production defaults (1 s + 1–5 s jitter) on the floor profile: scale measures throughput.</summary>
    public SenderPacing Pacing { get; init; } = SenderPacing.Defaults;

    /// <summary>How long the campaign may take after the start. Default 20 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(20);

    public IReadOnlyDictionary<string, string> ApiSettings { get; init; } = new Dictionary<string, string>();

    public bool Build { get; init; } = true;

    public bool KeepDatabase { get; init; }

    /// <summary>ANALYZE the messages table between prepare and start (the assignment's plan needs statistics). Default true.</summary>
    public bool AnalyzeBeforeStart { get; init; } = true;

    /// <summary>The hosts' console log level: <c>Warning</c>, so that console output is not what is measured.</summary>
    public string LogLevel { get; init; } = "Warning";
}
