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
    // The secret check, then the insert; a copy of a stored event (same dedupe key) is not stored again.
    private const string Insert =
        """
        with s as (select id from campaigns.senders where id = $1 and webhook_secret_hash = $2),
        i as (
            insert into campaigns.webhook_inbox (sender_id, event, payload, dedupe_key)
            select id, $3, $4, $5 from s
            on conflict (sender_id, dedupe_key) where dedupe_key is not null do nothing
            returning 1
        )
        select exists (select 1 from s), exists (select 1 from i)
        """;

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

    /// <summary>
    /// Stores <paramref name="envelope"/> (an event of <see cref="WebhookEvents.Stored"/>) if
    /// <paramref name="secretHash"/> is the sender's: one statement checks, deduplicates or coalesces, and inserts.
    /// </summary>
    public async Task<InboxAddOutcome> AddAsync(SenderId sender, byte[] secretHash, WebhookEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var coalesce = envelope.Event == WebhookEvents.ConnectionUpdate && envelope.State is not null;
        await using var command = dataSource.CreateCommand(coalesce ? InsertState : Insert);
        command.Parameters.Add(new() { Value = sender.Value });
        command.Parameters.Add(new() { Value = secretHash });
        command.Parameters.Add(new() { Value = envelope.Event });
        command.Parameters.Add(new() { Value = envelope.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        if (coalesce)
        {
            command.Parameters.Add(new() { Value = envelope.State });
            command.Parameters.Add(new() { Value = _heartbeat });
        }
        else
        {
            command.Parameters.Add(new() { Value = (object?)envelope.DedupeKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetBoolean(0), reader.GetBoolean(1)) switch
        {
            (false, _) => InboxAddOutcome.UnknownUrl,
            (true, true) => InboxAddOutcome.Stored,
            _ when coalesce => InboxAddOutcome.Coalesced,
            _ => InboxAddOutcome.Duplicate,
        };
    }
}
