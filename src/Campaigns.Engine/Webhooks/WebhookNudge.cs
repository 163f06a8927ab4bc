using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// Wakes the processor promptly without a job (or a NOTIFY, which serialises commits under load) per webhook: the
/// receiver pokes it after each stored webhook; the first poke after a quiet period enqueues one
/// <see cref="WebhookProcessJob"/> <see cref="WebhookOptions.NudgeDelay"/> later, and pokes meanwhile do nothing (that
/// run claims what they stored). One per process; an api-only process enqueues and the workers run it. A lost nudge
/// (the process died, the enqueue failed) costs latency only: the recurring run picks its webhooks up.
/// </summary>
internal sealed class WebhookNudge : IDisposable
{
    private readonly IBackgroundJobClient _jobs;
    private readonly ILogger<WebhookNudge> _logger;
    private readonly TimeSpan _delay;
    private readonly ITimer _timer;
    private int _armed;

    public WebhookNudge(IBackgroundJobClient jobs, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookNudge> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _jobs = jobs;
        _logger = logger;
        _delay = options.Value.NudgeDelay;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A webhook was stored: enqueues a run after the delay unless one is already due to be enqueued.</summary>
    public void Poke()
    {
        if (Interlocked.CompareExchange(ref _armed, 1, 0) == 0)
        {
            _timer.Change(_delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        // Disarmed first: a webhook stored while this enqueues arms the next run, so none waits for the recurring one.
        Volatile.Write(ref _armed, 0);
        try
        {
            _jobs.Enqueue<WebhookProcessJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception exception) // a timer callback: nothing above it to catch; the recurring run covers the loss
        {
            _logger.NudgeFailed(exception);
        }
    }

    public void Dispose() => _timer.Dispose();
}
