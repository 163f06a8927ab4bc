using Campaigns.Domain.Senders;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// Where gateway webhooks land: one insert and the request returns; a processor applies them later (status updates,
/// replies, connection changes). Keeping the webhook request this short means bursts (about three events per message)
/// never make the gateway wait or retry.
/// </summary>
internal sealed class WebhookInbox(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Stores a webhook if <paramref name="secretHash"/> is the sender's: one statement checks and inserts, so the hot
    /// path is one round trip. False (nothing stored) when the sender or its secret is wrong.
    /// </summary>
    public async Task<bool> AddAsync(SenderId sender, byte[] secretHash, string eventName, string payload, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into campaigns.webhook_inbox (sender_id, event, payload)
            select id, $3, $4 from campaigns.senders where id = $1 and webhook_secret_hash = $2
            """);
        command.Parameters.Add(new() { Value = sender.Value });
        command.Parameters.Add(new() { Value = secretHash });
        command.Parameters.Add(new() { Value = eventName });
        command.Parameters.Add(new() { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
