using System.Text.Json;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// The processor's statements on <c>webhook_inbox</c>: the claim, the lock that makes applying exactly-once, and the
/// record of results (with the back-off and the unmatched and failed rules, in one place).
/// </summary>
internal sealed class WebhookRows(NpgsqlDataSource dataSource, IOptions<WebhookOptions> options)
{
    /// <summary>The kinds of result <see cref="RecordAsync"/> takes: an <see cref="ApplyResult"/>, or an exception.</summary>
    public const string Error = "error";

    private readonly WebhookOptions _options = options.Value;

    // Due rows, oldest due first; SKIP LOCKED so that runs at once split them; the lease keeps them from other runs
    // while this one applies them (and returns them if it dies).
    private const string Claim =
        """
        with c as (
            select id from campaigns.webhook_inbox
            where processed_at is null and coalesce(next_attempt_at, received_at) <= now()
            order by coalesce(next_attempt_at, received_at), id
            limit $1
            for update skip locked
        )
        update campaigns.webhook_inbox w set next_attempt_at = now() + $2
        from c, campaigns.senders s
        where w.id = c.id and s.id = w.sender_id
        returning w.id, w.sender_id, s.tenant_id, w.event, w.payload::text, w.received_at, w.attempts
        """;

    // The outcome of a row from its result kind: applied and ignored are done; a retry becomes unmatched once the row is
    // older than UnmatchedAfter; an exception becomes failed at its MaxAttempts-th attempt; otherwise null (again later).
    private const string Outcome =
        """
        case r.kind when 'applied' then 'applied' when 'ignored' then 'ignored'
                    when 'retry' then case when w.received_at <= now() - $3 then 'unmatched' end
                    else case when w.attempts + 1 >= $4 then 'failed' end end
        """;

    private static readonly string Record =
        $"""
        update campaigns.webhook_inbox w
        set outcome = {Outcome},
            processed_at = case when ({Outcome}) is not null then now() end,
            attempts = case when r.kind in ('retry', 'error') then least(w.attempts + 1, 32767) else w.attempts end,
            next_attempt_at = case when ({Outcome}) is null then now() + least($5 * power(2, least(w.attempts, 30)), $6) end
        from unnest($1::bigint[], $2::text[]) r (id, kind)
        where w.id = r.id and w.processed_at is null
        returning r.kind, w.outcome, extract(epoch from w.processed_at - w.received_at)::float8
        """;

    /// <summary>Claims up to <see cref="WebhookOptions.BatchSize"/> due rows (each with its sender's tenant), oldest first.</summary>
    public async Task<IReadOnlyList<ClaimedWebhook>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.Add(new() { Value = _options.BatchSize });
        command.Parameters.Add(new() { Value = _options.ClaimLease });
        var rows = new List<ClaimedWebhook>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ClaimedWebhook(
                reader.GetInt64(0), new SenderId(reader.GetGuid(1)), new TenantId(reader.GetGuid(2)), reader.GetString(3),
                reader.GetString(4), reader.GetFieldValue<Instant>(5), reader.GetInt16(6)));
        }

        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        return rows;
    }

    /// <summary>
    /// Inside the transaction that applies them, locks those of <paramref name="ids"/> still unprocessed and answers
    /// them: a row another run processed meanwhile (its lease ran out) is left out, so no event is applied twice.
    /// </summary>
    public static async Task<HashSet<long>> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select id from campaigns.webhook_inbox where id = any($1) and processed_at is null order by id for update",
            connection,
            transaction);
        command.Parameters.Add(new() { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        var locked = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            locked.Add(reader.GetInt64(0));
        }

        return locked;
    }

    /// <summary>Records each row's result (<c>applied</c>, <c>ignored</c>, <c>retry</c> or <see cref="Error"/>); answers what they came to.</summary>
    public async Task<WebhookRun> RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<(long Id, string Kind)> results, WebhookMetrics metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(metrics);
        if (results.Count == 0)
        {
            return WebhookRun.None;
        }

        await using var command = new NpgsqlCommand(Record, connection, transaction);
        command.Parameters.Add(new() { Value = results.Select(r => r.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = results.Select(r => r.Kind).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = _options.UnmatchedAfter });
        command.Parameters.Add(new() { Value = _options.MaxAttempts });
        command.Parameters.Add(new() { Value = _options.RetryDelay });
        command.Parameters.Add(new() { Value = _options.MaxRetryDelay });
        int applied = 0, ignored = 0, retried = 0, unmatched = 0, failed = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var outcome = reader.IsDBNull(1) ? null : reader.GetString(1);
            switch (outcome)
            {
                case WebhookOutcomes.Applied:
                    applied++;
                    metrics.Lag(reader.GetDouble(2));
                    break;
                case WebhookOutcomes.Ignored:
                    ignored++;
                    metrics.Lag(reader.GetDouble(2));
                    break;
                case WebhookOutcomes.Unmatched:
                    unmatched++;
                    break;
                case WebhookOutcomes.Failed:
                    failed++;
                    break;
                default:
                    retried++;
                    break;
            }
        }

        return new WebhookRun(0, applied, ignored, retried, unmatched, failed);
    }

    /// <summary>Reads a claimed row's stored envelope; the caller disposes the document when the row is done.</summary>
    public static JsonDocument Parse(ClaimedWebhook row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return JsonDocument.Parse(row.Payload);
    }
}
