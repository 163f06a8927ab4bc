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
    /// Campaigns prepared at once by a process with the worker role: the workers of its Hangfire server for queue
    /// <c>prepare</c>. Each uses about two cores (render, COPY) and two connections; two keep a small campaign from
    /// waiting behind a big one. Default 2; 1 to 16.
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
    /// How long a campaign waits before its prepare job runs again when its tenant's slots
    /// (<see cref="MaxPerTenant"/>) are all taken: the job is scheduled again, no worker waits. Default 5 s; 1 s to 10 minutes.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TenantBusyDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <value>
    /// How long after a prepare was asked for a campaign still preparing without a prepare job is taken as stranded (its
    /// process died between the status write and the enqueue) and enqueued by the sweeper. Longer than an enqueue can
    /// take. Default 1 minute; 5 s to 1 hour.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan EnqueueGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <value>
    /// Attempts at preparing one campaign (a crash or a database failure costs one; a graceful shutdown does not)
    /// before it goes back to draft with <c>campaign.prepare_failed</c>. Default 3; 1 to 100.
    /// </value>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;
}
