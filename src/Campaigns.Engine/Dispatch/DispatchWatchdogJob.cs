using Campaigns.Engine.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// The recurring watchdog (<see cref="RecurringJobs"/>): enqueues a dispatch loop for every one of the
/// <see cref="DispatchOptions.Loops"/> slots whose lease has run out (its loop died, or none ever ran).
/// </summary>
internal sealed class DispatchWatchdogJob(DispatchSlots slots, IBackgroundJobClient jobs, IOptions<DispatchOptions> options)
{
    [JobDisplayName("Dispatch watchdog: start a loop for every free slot")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // it runs again at its next occurrence
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var started = await DispatchLoopJob.EnqueueAsync(slots, jobs, Enumerable.Range(0, options.Value.Loops).ToArray(), cancellationToken);
        return started.Count;
    }
}
