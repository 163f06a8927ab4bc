using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Campaigns;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Reports;

/// <summary>
/// The tenant-wide message log (<c>GET /api/messages</c>): every message of the tenant's campaigns, newest campaign
/// first and by phone within a campaign (<see cref="MessageLogKey"/>), keyset-paged. Each campaign's messages are read
/// through their primary key, at most a page of them, so a page costs a page whatever the tenant's history.
/// </summary>
internal sealed class MessageLog(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<(CampaignMessage Message, MessageLogKey Key)>> ReadAsync(
        TenantId tenant, MessageLogFilter filter, int limit, MessageLogKey? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = dataSource.CreateCommand(
            $"""
            select {MessageRows.Columns}, c.created_at
              from (select id, created_at from campaigns.campaigns
                     where tenant_id = $1 and ($2::uuid is null or id = $2)
                       and ($5::timestamptz is null or (created_at, id) <= ($5, $6))
                     order by created_at desc, id desc) c
             cross join lateral (
                   select {MessageRows.Columns} from campaigns.messages m
                    where m.campaign_id = c.id
                      and ($3::text is null or m.status = $3)
                      and ($4::uuid is null or m.sender_id = $4)
                      and (c.id <> $6 or $6 is null or m.phone > $7)
                    order by m.phone
                    limit $8) m
             order by c.created_at desc, c.id desc, m.phone
             limit $8
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = filter.Campaign is { } campaign ? campaign.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = filter.Status is { } s ? StatusText.Name(s) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = filter.Sender is { } sender ? sender.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = after is null ? DBNull.Value : after.CampaignCreatedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = after is null ? DBNull.Value : after.Campaign.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = (object?)after?.Phone ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<(CampaignMessage, MessageLogKey)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var message = MessageRows.Read(reader);
            var key = new MessageLogKey(reader.GetFieldValue<Instant>(MessageRows.Count), message.CampaignId, message.Phone);
            messages.Add((message, key));
        }

        return messages;
    }
}
