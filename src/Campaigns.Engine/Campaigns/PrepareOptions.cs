using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Campaigns;

/// <summary>How campaigns are prepared (section <c>Campaigns:Prepare</c>).</summary>
internal sealed class PrepareOptions
{
    public const string SectionName = "Campaigns:Prepare";

    /// <value>
    /// Messages per COPY batch, and how often progress is written: large enough to amortise a round trip, small enough
    /// that two batches in flight stay a few MB. Default 10,000; 100 to 100,000.
    /// </value>
    [Range(100, 100_000)]
    public int BatchSize { get; set; } = 10_000;

    /// <value>
    /// Campaigns prepared at once by this process. Each uses about two cores (render, COPY) and two connections;
    /// two keep a small campaign from waiting behind a big one. Default 2; 1 to 16.
    /// </value>
    [Range(1, 16)]
    public int Workers { get; set; } = 2;

    /// <value>
    /// Campaigns of one tenant prepared at once, across every process (the claim holds one of the tenant's slots in
    /// PostgreSQL): one tenant's prepares, however slow, leave the other workers to the other tenants. Default 1; 1 to 64.
    /// </value>
    [Range(1, PrepareLocks.MaxSlots)]
    public int MaxPerTenant { get; set; } = 1;

    /// <value>
    /// How often a running prepare checks that its campaign is still preparing, so that one taken back to draft frees
    /// its worker promptly even in the middle of a batch. Default 1 s; 100 ms to 1 minute.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan StatusCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <value>
    /// How often the worker looks for campaigns waiting to be prepared besides being woken by a request: this is how a
    /// campaign whose prepare failed, or whose process died, is taken up again. Default 30 s; 1 s to 1 hour.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <value>
    /// Attempts at preparing one campaign (a crash or a database failure costs one; a graceful shutdown does not)
    /// before it goes back to draft with <c>campaign.prepare_failed</c>. Default 3; 1 to 100.
    /// </value>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;
}
