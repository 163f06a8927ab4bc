using Campaigns.Engine.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// The Hangfire job of one dispatch loop slot (queue <c>dispatch</c>): runs <see cref="DispatchLoop"/> for its lifetime,
/// then hands the slot to a successor at once (the watchdog would, within a minute). No retries: the watchdog starts a
/// loop for every slot whose lease has run out. Hangfire may run a copy twice; the second finds the slot held and exits.
/// </summary>
internal sealed class DispatchLoopJob(
    DispatchLoop loop, DispatchSlots slots, IBackgroundJobClient jobs, DispatchLocalLoops local, IOptions<DispatchOptions> options)
{
    [JobDisplayName("Dispatch loop, slot {0}")]
    [Queue(JobQueues.Dispatch)]
    [AutomaticRetry(Attempts = 0)] // the watchdog replaces a loop that died
    public async Task<long> RunAsync(int slot, CancellationToken cancellationToken)
    {
        if (!local.TryEnter(options.Value.MaxLoopsPerProcess))
        {
            return 0; // this process runs its share: the slot's reservation runs out and the watchdog offers it again
        }

        long sends;
        try
        {
            sends = await loop.RunAsync(slot, cancellationToken);
        }
        finally
        {
            local.Exit(); // before the successor is enqueued: it may start in this process at once
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            await EnqueueAsync(slots, jobs, [slot], CancellationToken.None);
        }

        return sends;
    }

    /// <summary>Reserves each free slot of <paramref name="candidates"/> and enqueues a loop for it; answers the slots started.</summary>
    public static async Task<IReadOnlyList<int>> EnqueueAsync(
        DispatchSlots slots, IBackgroundJobClient jobs, IReadOnlyCollection<int> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(jobs);
        var reserved = await slots.ReserveAsync(candidates, cancellationToken);
        foreach (var slot in reserved)
        {
            jobs.Enqueue<DispatchLoopJob>(job => job.RunAsync(slot, CancellationToken.None));
        }

        return reserved;
    }
}
