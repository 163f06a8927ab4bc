using Campaigns.Bench.Cluster;

namespace Campaigns.Bench;

/// <summary>
/// A chaos run: two Api processes with Hangfire servers on one database and the sandbox; a campaign over a few senders;
/// one Api process killed (SIGKILL) mid-campaign and started again. The defaults take one to two minutes.
/// </summary>
internal sealed record ChaosOptions
{
    /// <summary>
    /// A run sized for a test (2 senders, 16 recipients, 1 s down), on the Release builds already there (a solution
    /// built with <c>-c Release</c>, as <c>scripts/test</c> does).
    /// </summary>
    public static ChaosOptions TestSized { get; } = new()
    {
        Senders = 2,
        Recipients = 16,
        Downtime = TimeSpan.FromSeconds(1),
        Timeout = TimeSpan.FromMinutes(3),
        Build = false,
        LogLevel = "Warning",
    };

    public int Senders { get; init; } = 4;

    public int Recipients { get; init; } = 60;

    /// <summary>Floor 1 s, small jitter (0–500 ms), so that the run is short and the floor is tight.</summary>
    public SenderPacing Pacing { get; init; } = new(1000, 0, 500);

    /// <summary>How long the sandbox takes to answer a send (uniform), so that sends are in flight when the kill comes.</summary>
    public (int Min, int Max) LatencyMs { get; init; } = (200, 800);

    /// <summary>The share of recipients sent before the kill. Default 0.3.</summary>
    public double KillAfter { get; init; } = 0.3;

    /// <summary>How long the killed process stays down. Default 3 s.</summary>
    public TimeSpan Downtime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the campaign may take to complete after the start. Default 5 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Configuration of both Api processes. Default: a send lease of 20 s (not 2 minutes) and a loop slot lease of 10 s
    /// (not 30 s), so that the killed process's sends are reconciled and its loop slot taken over within the run; both
    /// stay well above the sandbox's latency, as the lease must.
    /// </summary>
    public IReadOnlyDictionary<string, string> ApiSettings { get; init; } = DefaultApiSettings;

    public static IReadOnlyDictionary<string, string> DefaultApiSettings { get; } = new Dictionary<string, string>
    {
        ["Dispatch__SendLease"] = "00:00:20",
        ["Dispatch__SlotLease"] = "00:00:10",
    };

    public bool Build { get; init; } = true;

    public bool KeepDatabase { get; init; }

    public string LogLevel { get; init; } = "Information";
}
