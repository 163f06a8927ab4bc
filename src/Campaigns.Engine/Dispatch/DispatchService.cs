using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// Dispatch without Hangfire: a hosted service that keeps a loop running on every one of the
/// <see cref="DispatchOptions.Loops"/> slots (a slot held by another process is tried again after a third of the slot
/// lease), reconciles stale sends every <see cref="DispatchOptions.SendLease"/> and runs failover every 30 s. The same loop and claim as the
/// Hangfire jobs, so both kinds of host may share a database. A host registers it only when it runs no Hangfire server.
/// </summary>
internal sealed class DispatchService(
    DispatchLoop loop,
    DispatchReconciler reconciler,
    DispatchFailoverJob failover,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<DispatchService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Loops)
            .Select(slot => RepeatAsync(() => loop.RunAsync(slot, stoppingToken), options.Value.SlotLease / 3, stoppingToken))
            .Append(RepeatAsync(() => reconciler.RunAsync(stoppingToken), options.Value.SendLease, stoppingToken))
            .Append(RepeatAsync(() => failover.RunAsync(stoppingToken), TimeSpan.FromSeconds(30), stoppingToken)));

    private async Task RepeatAsync(Func<Task> step, TimeSpan pause, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await step();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                logger.StepFailed(exception, nameof(DispatchService));
            }

            try
            {
                await Task.Delay(pause, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
