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
    public async Task AddAsync(SenderId sender, string eventName, string payload, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "insert into campaigns.webhook_inbox (sender_id, event, payload) values ($1, $2, $3)");
        command.Parameters.Add(new() { Value = sender.Value });
        command.Parameters.Add(new() { Value = eventName });
        command.Parameters.Add(new() { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
