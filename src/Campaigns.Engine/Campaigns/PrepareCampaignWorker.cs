using Campaigns.Domain.Campaigns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Runs <see cref="PrepareCampaignJob"/> in this process for every campaign left <c>preparing</c> in PostgreSQL: at
/// start (so a campaign whose process died mid-prepare is taken up again, from scratch), when
/// <see cref="PrepareQueue"/> says one was asked for, and every <see cref="PrepareOptions.PollInterval"/> (so a failed
/// run is retried, up to <see cref="PrepareOptions.MaxAttempts"/>). Any number of processes may run it: the job's
/// advisory lock lets one of them prepare each campaign. Each worker takes the oldest campaign whose tenant is under
/// <see cref="PrepareOptions.MaxPerTenant"/> (the job's claim enforces that limit across processes), so another
/// tenant's campaign is served while one tenant's slow prepares run.
/// </summary>
/// <remarks>
/// The interim runner until the dispatch issue wires Hangfire: then the prepare endpoint enqueues
/// <c>PrepareCampaignJob.RunAsync(id, CancellationToken.None)</c> and Hangfire's retries replace this poll. Failures are
/// retried at the next poll, not at once: a database that is down is not hammered.
/// </remarks>
internal sealed class PrepareCampaignWorker(
    PrepareQueue queue,
    PrepareCampaignJob job,
    CampaignStore campaigns,
    IOptions<PrepareOptions> options,
    ILogger<PrepareCampaignWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
                await queue.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) // the worker is a boundary: a failed scan is logged and tried again at the next poll
            {
                CampaignLog.ScanFailed(logger, ex);
                await queue.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Prepares campaigns until none is left that this worker can claim; one that fails waits for the next poll.</summary>
    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        var failed = new HashSet<CampaignId>();
        bool ran;
        do
        {
            ran = false;
            foreach (var id in await campaigns.PreparingAsync(100, options.Value.MaxPerTenant, stoppingToken))
            {
                if (failed.Contains(id))
                {
                    continue;
                }

                PrepareOutcome outcome;
                try
                {
                    outcome = await job.RunAsync(id, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested) // a job's failure must not stop the others
                {
                    CampaignLog.PrepareFailed(logger, ex, id.Value);
                    failed.Add(id);
                    continue;
                }

                if (outcome is not (PrepareOutcome.NotClaimed or PrepareOutcome.TenantBusy))
                {
                    ran = true;
                    break; // look again: requests may have come in meanwhile
                }
            }
        }
        while (ran);
    }
}
