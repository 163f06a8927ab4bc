using Campaigns.Engine.Jobs;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// PostgreSQL is the record, Hangfire the means: this recurring job (<see cref="RecurringJobs"/>) enqueues a prepare for
/// every campaign left <c>preparing</c> with no live prepare job, so that no crash strands one:
/// <list type="bullet">
/// <item>no job recorded and asked for longer than <see cref="PrepareOptions.EnqueueGrace"/> ago: its process died
/// between the status write and the enqueue;</item>
/// <item>its job is no longer enqueued, scheduled, awaiting or processing: it failed (the run threw: this is how a
/// failed prepare is retried, up to <see cref="PrepareOptions.MaxAttempts"/>), was deleted from the dashboard, or expired.</item>
/// </list>
/// A job waiting in a backed-up queue is live, so it gets no duplicate; two sweeps at once enqueue one job
/// (<see cref="PrepareJobs"/> compares and swaps the job id).
/// </summary>
internal sealed class PrepareSweepJob(
    CampaignStore store,
    PrepareJobs prepareJobs,
    JobStorage storage,
    IOptions<PrepareOptions> options,
    IClock clock,
    ILogger<PrepareSweepJob> logger)
{
    /// <summary>Campaigns looked at per run; more wait for the next run.</summary>
    private const int Batch = 500;

    private static readonly HashSet<string> LiveStates = new(StringComparer.OrdinalIgnoreCase)
    {
        EnqueuedState.StateName, ScheduledState.StateName, AwaitingState.StateName, ProcessingState.StateName,
    };

    /// <returns>The number of campaigns enqueued again.</returns>
    [JobDisplayName("Sweep campaigns left preparing")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // it runs again at its next occurrence
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var requestedBefore = clock.GetCurrentInstant() - Duration.FromTimeSpan(options.Value.EnqueueGrace);
        var enqueued = 0;
        foreach (var (id, jobId) in await store.PreparingJobsAsync(requestedBefore, Batch, cancellationToken))
        {
            if (jobId is not null && IsLive(jobId))
            {
                continue;
            }

            if (await prepareJobs.EnqueueAsync(id, jobId, cancellationToken) is { } newJob)
            {
                CampaignLog.PrepareSwept(logger, id.Value, jobId, newJob);
                enqueued++;
            }
        }

        return enqueued;
    }

    private bool IsLive(string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name is { } state && LiveStates.Contains(state);
    }
}
