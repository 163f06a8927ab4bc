using Campaigns.Domain.Pacing;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Gateway.Contract;
using Campaigns.Engine.Jobs;
using Campaigns.Engine.Senders;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Campaigns.Engine.Precheck;

/// <summary>
/// The pre-check: before a queued message can be dispatched, its number is checked with <c>/chat/whatsappNumbers</c>
/// (the claim takes only messages with a <c>jid</c>, and the send goes to that jid, which may differ from the number as
/// typed). A Hangfire job, recurring every few seconds (<see cref="RecurringJobs.Precheck"/>) and enqueued after a
/// campaign's assignment; each run does a bounded amount of work:
/// <list type="number">
/// <item>with a campaign (after its assignment): one statement settles its unchecked messages from the tenant's cache
/// (<c>number_checks</c> fresher than <see cref="PrecheckOptions.CacheFor"/>);</item>
/// <item>it claims up to <see cref="PrecheckOptions.MaxCallsPerRun"/> linked numbers whose lookup is due (the one served
/// longest ago first, so no tenant starves another; <c>SKIP LOCKED</c>, so two runs never call one number at once), and
/// claims again after each round while it finds some, for at most <see cref="PrecheckOptions.RunFor"/>;</item>
/// <item>for each number's sender, its next unchecked messages (the campaigns taking turns) are settled from the cache
/// where it can, and at most <see cref="PrecheckOptions.BatchSize"/> other numbers are asked, in one call through that
/// sender's own instance, at least <see cref="PrecheckOptions.CallInterval"/> (plus jitter) after its previous answer.
/// Lookups are not sends: they do not count in the number's cap.</item>
/// </list>
/// The sender asked is the message's assigned sender: the number that will send is the one that looks the recipient up
/// (a jid, a LID in particular, is what that account's WhatsApp answers), and lookups spread over a campaign's senders
/// as its messages do. Failures leave the numbers unchecked, never skipped: a 429 waits its Retry-After (else
/// <see cref="PrecheckOptions.Backoff"/>); 401/403, 404 and a connection not open pause the sender as dispatch would
/// (its usability rules then act: it is not claimed, and failover may move its recipients); others back off.
/// </summary>
internal sealed class PrecheckJob(
    PrecheckStore store,
    IGatewayClient gateway,
    DispatchGateway targets,
    SenderStore senders,
    IOptions<PrecheckOptions> options,
    IRandomSource random,
    IClock clock,
    PrecheckMetrics metrics,
    ILogger<PrecheckJob> logger)
{
    private readonly PrecheckOptions _options = options.Value;

    /// <summary>One bounded run; with <paramref name="campaignId"/>, that campaign's cache pass first. Answers what it did.</summary>
    [JobDisplayName("Pre-check recipients' numbers (campaign {0})")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // it runs again within seconds (recurring)
    public async Task<PrecheckRun> RunAsync(Guid? campaignId, CancellationToken cancellationToken)
    {
        var fromCache = PrecheckSettled.None;
        if (campaignId is { } id)
        {
            fromCache = await store.FromCacheAsync([id], cancellationToken);
            metrics.CacheHits(fromCache.OnWhatsApp, fromCache.NotOnWhatsApp);
        }

        // Rounds of at most MaxCallsPerRun lookups at once, while due numbers are found and RunFor lasts.
        var run = new PrecheckRun(fromCache.OnWhatsApp + fromCache.NotOnWhatsApp, 0, 0, 0);
        var until = clock.GetCurrentInstant() + Duration.FromTimeSpan(_options.RunFor);
        do
        {
            var numbers = await store.ClaimAsync(_options.MaxCallsPerRun, cancellationToken);
            if (numbers.Count == 0)
            {
                break;
            }

            var (picked, ask) = await store.PickAsync(numbers.Select(n => n.Sender.Value).ToArray(), cancellationToken);
            metrics.CacheHits(picked.OnWhatsApp, picked.NotOnWhatsApp);
            var looked = await Task.WhenAll(numbers.Select(n => LookupAsync(n, ask.GetValueOrDefault(n.Sender.Value) ?? [], cancellationToken)));
            run = new PrecheckRun(
                run.FromCache + picked.OnWhatsApp + picked.NotOnWhatsApp,
                run.Lookups + looked.Count(l => l.Called),
                run.Checked + looked.Sum(l => l.Checked),
                run.NotOnWhatsApp + looked.Sum(l => l.NotOnWhatsApp));
        }
        while (clock.GetCurrentInstant() < until);

        return Ran(run);
    }

    private PrecheckRun Ran(PrecheckRun run)
    {
        logger.Ran(run.FromCache, run.Lookups, run.Checked);
        return run;
    }

    /// <summary>One number's lookup: asks, applies the answers and sets its next lookup; a failure only reschedules (or pauses).</summary>
    private async Task<(bool Called, int Checked, int NotOnWhatsApp)> LookupAsync(
        LookupNumber number, List<string> phones, CancellationToken cancellationToken)
    {
        if (phones.Count == 0)
        {
            // Everything it had was settled from the cache (or taken meanwhile): no call made, so no wait either.
            await store.RescheduleAsync(number, Duration.Zero, cancellationToken);
            return (false, 0, 0);
        }

        GatewayTarget target;
        try
        {
            target = targets.Target(number.Sender.Value, number.GatewayUrl, number.Instance, number.ProtectedInstanceKey);
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            // The key ring cannot read this sender's key: a person must register it again (dispatch pauses it alike).
            await PauseAsync(number, "key_unreadable", exception.GetType().Name, cancellationToken);
            return (false, 0, 0);
        }

        IReadOnlyList<WhatsAppNumber> answers;
        try
        {
            answers = await gateway.CheckWhatsAppNumbersAsync(target, phones.Select(p => p.TrimStart('+')).ToArray(), cancellationToken);
        }
        catch (GatewayException exception)
        {
            metrics.Lookup(exception.Failure.ToString().ToLowerInvariant());
            await FailedAsync(number, target, exception, cancellationToken);
            return (true, 0, 0);
        }

        metrics.Lookup("answered");
        var next = _options.CallInterval + (_options.CallJitter * random.NextDouble());
        await store.ApplyAsync(number, phones.Select((p, i) => (p, answers[i])).ToArray(), Duration.FromTimeSpan(next), cancellationToken);
        var notOnWhatsApp = answers.Count(a => !a.Exists);
        metrics.Checked(answers.Count - notOnWhatsApp, notOnWhatsApp);
        return (true, answers.Count, notOnWhatsApp);
    }

    /// <summary>
    /// The numbers stay unchecked. The sender's own trouble pauses it with dispatch's reasons (401/403 unauthorized,
    /// 404 instance_not_found, a connection not open its state); anything that may pass waits: a 429 its Retry-After
    /// (else <see cref="PrecheckOptions.Backoff"/>), others the back-off.
    /// </summary>
    private async Task FailedAsync(LookupNumber number, GatewayTarget target, GatewayException exception, CancellationToken cancellationToken)
    {
        var reason = exception.Failure switch
        {
            GatewayFailure.Unauthorized or GatewayFailure.Forbidden => "unauthorized",
            GatewayFailure.NotFound => "instance_not_found",
            GatewayFailure.InstanceDisconnected => await targets.StateAsync(target, cancellationToken) is { } state && state is not InstanceConnectionState.Open
                ? state.ToString().ToLowerInvariant()
                : null,
            _ => null,
        };
        if (reason is not null)
        {
            await PauseAsync(number, reason, exception.Failure.ToString(), cancellationToken);
            return;
        }

        var wait = exception.Failure is GatewayFailure.RateLimited && exception.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero
            ? retryAfter
            : _options.Backoff;
        logger.LookupFailed(exception, number.Sender.Value, exception.Failure, wait);
        await store.RescheduleAsync(number, Duration.FromTimeSpan(wait), cancellationToken);
    }

    private async Task PauseAsync(LookupNumber number, string reason, string failure, CancellationToken cancellationToken)
    {
        logger.SenderPaused(number.Sender.Value, failure, reason);
        await senders.PauseAsync(number.Tenant, number.Sender, reason, clock.GetCurrentInstant(), cancellationToken);
        // Resumed, it looks again at once; until then it is not claimed (not usable).
        await store.RescheduleAsync(number, Duration.Zero, cancellationToken);
    }
}
