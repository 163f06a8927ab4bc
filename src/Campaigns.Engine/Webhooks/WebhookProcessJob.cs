using System.Text.Json;
using Campaigns.Engine.Jobs;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// Applies stored webhooks. A Hangfire job, enqueued by <see cref="WebhookNudge"/> soon after webhooks arrive and
/// recurring every 5 s (<see cref="RecurringJobs.WebhookProcess"/>) for retries and anything a lost nudge left. A run:
/// <list type="number">
/// <item>takes one of <see cref="WebhookOptions.MaxConcurrentRuns"/> slots (advisory locks, across processes) or ends;</item>
/// <item>claims up to <see cref="WebhookOptions.BatchSize"/> due rows, oldest first (<see cref="WebhookRows.ClaimAsync"/>),
/// groups them by the <see cref="IWebhookApplier"/> that takes their event (rows no applier takes are <c>ignored</c>), and
/// applies each group in a transaction of its own, which first locks its still-unprocessed rows (so a row whose lease ran
/// out is never applied by two runs) and ends by recording each row's result;</item>
/// <item>if a group throws, tries its events one by one, so one bad event cannot hold back the others; an event that
/// throws alone is retried with back-off and dropped as <c>failed</c> after <see cref="WebhookOptions.MaxAttempts"/>;</item>
/// <item>claims again while it finds work, for at most <see cref="WebhookOptions.RunFor"/>, and stops when its token is
/// cancelled.</item>
/// </list>
/// <see cref="ApplyResult.Retry"/> retries with back-off (<see cref="WebhookOptions.RetryDelay"/> doubling to
/// <see cref="WebhookOptions.MaxRetryDelay"/>) and drops the row as <c>unmatched</c>, counted, once it is older than
/// <see cref="WebhookOptions.UnmatchedAfter"/>.
/// </summary>
internal sealed class WebhookProcessJob
{
    // Advisory locks in the two-key form (which does not overlap the migrations' one-key lock): "whk" + slot.
    private const int SlotClass = 0x77686b00;

    private readonly NpgsqlDataSource _dataSource;
    private readonly WebhookRows _rows;
    private readonly Dictionary<string, IWebhookApplier> _appliers = new(StringComparer.Ordinal);
    private readonly WebhookOptions _options;
    private readonly WebhookMetrics _metrics;
    private readonly IClock _clock;
    private readonly ILogger<WebhookProcessJob> _logger;

    public WebhookProcessJob(
        NpgsqlDataSource dataSource,
        WebhookRows rows,
        IEnumerable<IWebhookApplier> appliers,
        IOptions<WebhookOptions> options,
        WebhookMetrics metrics,
        IClock clock,
        ILogger<WebhookProcessJob> logger)
    {
        ArgumentNullException.ThrowIfNull(appliers);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _rows = rows;
        _options = options.Value;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        foreach (var applier in appliers)
        {
            foreach (var name in applier.Events)
            {
                if (!_appliers.TryAdd(name, applier))
                {
                    throw new InvalidOperationException($"Two webhook appliers take {name}: {_appliers[name].GetType().Name} and {applier.GetType().Name}.");
                }
            }
        }
    }

    /// <summary>One run (see the class); answers what it did.</summary>
    [JobDisplayName("Apply stored webhooks")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // the recurring run comes within seconds, and rows keep their own attempts
    public async Task<WebhookRun> RunAsync(CancellationToken cancellationToken)
    {
        await using var slotConnection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var slot = await TakeSlotAsync(slotConnection, cancellationToken);
        if (slot is null)
        {
            _logger.Busy(_options.MaxConcurrentRuns);
            return WebhookRun.None;
        }

        try
        {
            var run = WebhookRun.None;
            var until = _clock.GetCurrentInstant() + Duration.FromTimeSpan(_options.RunFor);
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await ProcessBatchAsync(cancellationToken);
                run += batch;
                if (batch.Claimed == 0 || _clock.GetCurrentInstant() >= until)
                {
                    break;
                }
            }

            _logger.Ran(run.Claimed, run.Applied, run.Ignored, run.Retried, run.Unmatched, run.Failed);
            if (run.Unmatched > 0)
            {
                _logger.Unmatched(run.Unmatched, _options.UnmatchedAfter);
            }

            if (run.Failed > 0)
            {
                _logger.Failed(run.Failed, _options.MaxAttempts);
            }

            return run;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock($1, 0)", slotConnection);
            unlock.Parameters.Add(new() { Value = slot.Value });
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private async Task<int?> TakeSlotAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < _options.MaxConcurrentRuns; slot++)
        {
            await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1, 0)", connection);
            command.Parameters.Add(new() { Value = SlotClass + slot });
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return SlotClass + slot;
            }
        }

        return null;
    }

    private async Task<WebhookRun> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var claimed = await _rows.ClaimAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return WebhookRun.None;
        }

        var documents = new List<JsonDocument>(claimed.Count);
        try
        {
            var run = new WebhookRun(claimed.Count, 0, 0, 0, 0, 0);
            var groups = new Dictionary<IWebhookApplier, List<InboxEvent>>();
            var nobody = new List<(long, string)>();
            foreach (var row in claimed)
            {
                if (!_appliers.TryGetValue(row.Event, out var applier))
                {
                    nobody.Add((row.Id, WebhookOutcomes.Ignored));
                    continue;
                }

                var document = WebhookRows.Parse(row);
                documents.Add(document);
                if (!groups.TryGetValue(applier, out var events))
                {
                    groups[applier] = events = [];
                }

                events.Add(new InboxEvent(row.Id, row.Sender, row.Tenant, row.Event, document.RootElement, row.ReceivedAt, row.Attempts));
            }

            if (nobody.Count > 0)
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                run += await _rows.RecordAsync(connection, null, nobody, _metrics, cancellationToken);
            }

            foreach (var (applier, events) in groups)
            {
                run += await ApplyGroupAsync(applier, events, cancellationToken);
            }

            _metrics.Processed(WebhookOutcomes.Applied, run.Applied);
            _metrics.Processed(WebhookOutcomes.Ignored, run.Ignored);
            _metrics.Processed(WebhookOutcomes.Unmatched, run.Unmatched);
            _metrics.Processed(WebhookOutcomes.Failed, run.Failed);
            return run;
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }
    }

    private async Task<WebhookRun> ApplyGroupAsync(IWebhookApplier applier, List<InboxEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyAsync(applier, events, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested) // an applier's failure: isolate the event that causes it
        {
            if (events.Count > 1)
            {
                _logger.GroupFailed(exception, events.Count, events[0].Event);
                var run = WebhookRun.None;
                foreach (var single in events)
                {
                    run += await ApplyGroupAsync(applier, [single], cancellationToken);
                }

                return run;
            }

            var failed = events[0];
            _logger.EventFailed(exception, failed.Id, failed.Event, failed.Attempts + 1);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await _rows.RecordAsync(connection, null, [(failed.Id, WebhookRows.Error)], _metrics, cancellationToken);
        }
    }

    private async Task<WebhookRun> ApplyAsync(IWebhookApplier applier, List<InboxEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await WebhookRows.LockAsync(connection, transaction, events.Select(e => e.Id).ToArray(), cancellationToken);
        var mine = locked.Count == events.Count ? events : events.Where(e => locked.Contains(e.Id)).ToList();
        if (mine.Count == 0)
        {
            return WebhookRun.None;
        }

        var results = await applier.ApplyAsync(connection, transaction, mine, cancellationToken);
        // An event the applier did not answer for is tried again (and dropped as unmatched in time), never lost.
        var kinds = mine.Select(e => (e.Id, Kind(results.TryGetValue(e.Id, out var result) ? result : ApplyResult.Retry))).ToList();
        var run = await _rows.RecordAsync(connection, transaction, kinds, _metrics, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run;
    }

    private static string Kind(ApplyResult result) => result switch
    {
        ApplyResult.Applied => WebhookOutcomes.Applied,
        ApplyResult.Ignored => WebhookOutcomes.Ignored,
        _ => "retry",
    };
}
