using System.Collections.Concurrent;
using System.Text;
using Campaigns.Domain.Senders;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// Where gateway webhooks land: one statement and the request returns; <see cref="WebhookProcessJob"/> applies them
/// later (status updates, replies, connection changes). Keeping the webhook request this short means bursts (about
/// three events per message) never make the gateway wait or retry.
/// </summary>
internal sealed class WebhookInbox(NpgsqlDataSource dataSource, IOptions<WebhookOptions> options)
{
    // Inserts of requests in flight at once, in one statement (group commit): each row's secret is checked, a copy of a
    // stored event (same dedupe key, also within the batch: the first in order wins) is not stored again. Answers per
    // row (by its place n): the secret matched, the row was stored.
    private const string InsertMany =
        """
        with r as (
            select * from unnest($1::uuid[], $2::bytea[], $3::text[], $4::text[], $5::text[]) with ordinality
                as r (sender_id, secret_hash, event, payload, dedupe_key, n)
        ),
        ok as (
            select r.* from r join campaigns.senders s on s.id = r.sender_id and s.webhook_secret_hash = r.secret_hash
        ),
        i as (
            insert into campaigns.webhook_inbox (sender_id, event, payload, dedupe_key)
            select sender_id, event, payload::jsonb, dedupe_key from ok order by n
            on conflict (sender_id, dedupe_key) where dedupe_key is not null do nothing
            returning sender_id, dedupe_key
        )
        select r.n, ok.n is not null,
               ok.n is not null and (r.dedupe_key is null
                   or (exists (select 1 from i where i.sender_id = r.sender_id and i.dedupe_key = r.dedupe_key)
                       and r.n = (select min(o.n) from ok o where o.sender_id = r.sender_id and o.dedupe_key = r.dedupe_key)))
        from r left join ok on ok.n = r.n
        """;

    /// <summary>The most rows one statement inserts, and the most such statements at once per process.</summary>
    private const int MaxBatch = 256;
    private const int MaxWriters = 4;

    // connection.update: stored only when its state differs from the last one stored for the sender, or that one is
    // older than the heartbeat. The update's condition is checked again on the locked row, so two copies at once
    // store one.
    private const string InsertState =
        """
        with s as (select id from campaigns.senders where id = $1 and webhook_secret_hash = $2),
        u as (
            update campaigns.senders x set webhook_state = $5, webhook_state_at = now()
            from s
            where x.id = s.id
              and (x.webhook_state is distinct from $5 or x.webhook_state_at is null or x.webhook_state_at < now() - $6)
            returning x.id
        ),
        i as (insert into campaigns.webhook_inbox (sender_id, event, payload) select id, $3, $4 from u returning 1)
        select exists (select 1 from s), exists (select 1 from i)
        """;

    private readonly TimeSpan _heartbeat = options.Value.StateHeartbeat;
    private readonly ConcurrentQueue<PendingInsert> _pending = new();
    private int _writers;

    /// <summary>
    /// Stores <paramref name="envelope"/> (an event of <see cref="WebhookEvents.Stored"/>) if
    /// <paramref name="secretHash"/> is the sender's: one statement checks, deduplicates or coalesces, and inserts.
    /// Requests in flight at once share a statement (and its commit): the first that finds no writer busy writes
    /// what is queued, the others wait for their answer.
    /// </summary>
    public async Task<InboxAddOutcome> AddAsync(SenderId sender, byte[] secretHash, WebhookEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Event == WebhookEvents.ConnectionUpdate && envelope.State is not null)
        {
            return await AddStateAsync(sender, secretHash, envelope, cancellationToken);
        }

        var pending = new PendingInsert(sender, secretHash, envelope);
        _pending.Enqueue(pending);
        await WriteQueuedAsync();
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes what is queued, in statements of at most <see cref="MaxBatch"/>, unless <see cref="MaxWriters"/> already do.</summary>
    private async Task WriteQueuedAsync()
    {
        while (!_pending.IsEmpty)
        {
            if (Interlocked.Increment(ref _writers) > MaxWriters)
            {
                Interlocked.Decrement(ref _writers);
                return; // a writer busy now takes this one in its next statement (it looks again before it stops)
            }

            try
            {
                var batch = new List<PendingInsert>(MaxBatch);
                while (batch.Count < MaxBatch && _pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count > 0)
                {
                    await InsertAsync(batch);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _writers);
            }
        }
    }

    private async Task InsertAsync(List<PendingInsert> batch)
    {
        try
        {
            // Not the request's token: the statement serves other requests too.
            await using var command = dataSource.CreateCommand(InsertMany);
            command.Parameters.Add(new() { Value = batch.Select(p => p.Sender.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = batch.Select(p => p.SecretHash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            command.Parameters.Add(new() { Value = batch.Select(p => p.Envelope.Event).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = batch.Select(p => Encoding.UTF8.GetString(p.Envelope.Payload.Span)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = batch.Select(p => p.Envelope.DedupeKey).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                var pending = batch[(int)reader.GetInt64(0) - 1];
                pending.Outcome.TrySetResult((reader.GetBoolean(1), reader.GetBoolean(2)) switch
                {
                    (false, _) => InboxAddOutcome.UnknownUrl,
                    (true, true) => InboxAddOutcome.Stored,
                    _ => InboxAddOutcome.Duplicate,
                });
            }
        }
        catch (Exception exception) // each waiting request answers with it (500: the gateway retries)
        {
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetException(exception);
            }

            return;
        }

        foreach (var pending in batch)
        {
            pending.Outcome.TrySetException(new InvalidOperationException("The inbox insert answered no row for a webhook."));
        }
    }

    private async Task<InboxAddOutcome> AddStateAsync(SenderId sender, byte[] secretHash, WebhookEnvelope envelope, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(InsertState);
        command.Parameters.Add(new() { Value = sender.Value });
        command.Parameters.Add(new() { Value = secretHash });
        command.Parameters.Add(new() { Value = envelope.Event });
        command.Parameters.Add(new() { Value = envelope.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = envelope.State });
        command.Parameters.Add(new() { Value = _heartbeat });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetBoolean(0), reader.GetBoolean(1)) switch
        {
            (false, _) => InboxAddOutcome.UnknownUrl,
            (true, true) => InboxAddOutcome.Stored,
            _ => InboxAddOutcome.Coalesced,
        };
    }

    private sealed record PendingInsert(SenderId Sender, byte[] SecretHash, WebhookEnvelope Envelope)
    {
        public TaskCompletionSource<InboxAddOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
