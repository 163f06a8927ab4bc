using Campaigns.Engine.Jobs;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// Keeps the inbox bounded (recurring, <see cref="RecurringJobs.WebhookRetention"/>): deletes processed rows received
/// longer ago than <see cref="WebhookOptions.Retention"/>, and rows never processed received longer ago than
/// <see cref="WebhookOptions.MaxAge"/> (counted: <c>campaigns.webhooks.expired</c>), oldest first, in statements of at
/// most <see cref="WebhookOptions.RetentionBatchSize"/> rows, each its own transaction, while they fill.
/// </summary>
internal sealed class WebhookRetentionJob(
    NpgsqlDataSource dataSource, IOptions<WebhookOptions> options, WebhookMetrics metrics, ILogger<WebhookRetentionJob> logger)
{
    private const int MaxStatements = 100;

    private const string DeleteProcessed =
        """
        delete from campaigns.webhook_inbox w using (
            select id from campaigns.webhook_inbox
            where received_at < now() - $1 and processed_at is not null
            order by received_at limit $2
        ) d where w.id = d.id
        """;

    private const string DeleteExpired =
        """
        delete from campaigns.webhook_inbox w using (
            select id from campaigns.webhook_inbox
            where received_at < now() - $1 and processed_at is null
            order by received_at limit $2
            for update skip locked
        ) d where w.id = d.id
        """;

    private readonly WebhookOptions _options = options.Value;

    /// <summary>One run; answers the rows deleted, processed and never processed.</summary>
    [JobDisplayName("Delete old webhooks")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // recurring: the next run deletes what this one left
    public async Task<(int Processed, int Expired)> RunAsync(CancellationToken cancellationToken)
    {
        var processed = await DeleteAsync(DeleteProcessed, _options.Retention, cancellationToken);
        var expired = await DeleteAsync(DeleteExpired, _options.MaxAge, cancellationToken);
        if (expired > 0)
        {
            metrics.Expired(expired);
            logger.Expired(expired, _options.MaxAge);
        }

        if (processed + expired > 0)
        {
            logger.Retention(processed, expired);
        }

        return (processed, expired);
    }

    private async Task<int> DeleteAsync(string sql, TimeSpan age, CancellationToken cancellationToken)
    {
        var total = 0;
        for (var statement = 0; statement < MaxStatements && !cancellationToken.IsCancellationRequested; statement++)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new() { Value = age });
            command.Parameters.Add(new() { Value = _options.RetentionBatchSize });
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < _options.RetentionBatchSize)
            {
                break;
            }
        }

        return total;
    }
}
