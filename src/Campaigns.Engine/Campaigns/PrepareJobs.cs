using Campaigns.Domain.Campaigns;
using Hangfire;
using Hangfire.States;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Enqueues a campaign's <see cref="PrepareCampaignJob"/> in Hangfire and records the job's id on the campaign, where
/// the sweeper (<see cref="PrepareSweepJob"/>) reads it to tell a live job from none.
/// </summary>
internal sealed class PrepareJobs(IBackgroundJobClient jobs, CampaignStore store)
{
    /// <summary>
    /// Enqueues a prepare of <paramref name="id"/> in place of job <paramref name="replacing"/> (null: the campaign has
    /// none yet). When another caller replaced that job meanwhile, the new job is deleted again while still queued and
    /// null is answered: one live job per campaign, however many sweepers and requests race.
    /// </summary>
    public async Task<string?> EnqueueAsync(CampaignId id, string? replacing, CancellationToken cancellationToken)
    {
        var jobId = jobs.Enqueue<PrepareCampaignJob>(job => job.PerformAsync(id.Value, null, CancellationToken.None));
        if (await store.SetPrepareJobAsync(id, replacing, jobId, cancellationToken))
        {
            return jobId;
        }

        jobs.Delete(jobId, EnqueuedState.StateName); // harmless if it started already: the campaign's lock lets one run prepare
        return null;
    }
}
