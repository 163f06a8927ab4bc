using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Dispatch;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Suppressions;

/// <summary>A tenant's suppression list: numbers that are never imported and never sent to.</summary>
internal sealed class SuppressionStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Adds numbers (E.164) and returns how many were not on the list yet. Their messages not sent yet (pending or
    /// queued) in every campaign of the tenant are skipped in the same transaction, and a running campaign left with
    /// nothing to send completes: a suppressed number is never sent to, whenever it was suppressed.
    /// </summary>
    public async Task<int> AddAsync(TenantId tenant, IReadOnlyCollection<string> phones, string reason, CancellationToken cancellationToken)
    {
        var distinct = phones.Distinct().ToArray(); // distinct: one statement cannot insert a key twice
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int added;
        await using (var command = new NpgsqlCommand(
            """
            insert into campaigns.suppressions (tenant_id, phone, reason)
            select $1, p, $3 from unnest($2::text[]) p
            on conflict do nothing
            """, connection, transaction))
        {
            command.Parameters.Add(new() { Value = tenant.Value });
            command.Parameters.Add(new() { Value = distinct });
            command.Parameters.Add(new() { Value = reason });
            added = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var suppressed = CampaignErrors.Suppressed();
        var touched = new List<Guid>();
        await using (var skip = new NpgsqlCommand(
            """
            update campaigns.messages m set status = 'skipped', skip_code = $3, skip_reason = $4
              from campaigns.campaigns c
             where c.tenant_id = $1 and m.campaign_id = c.id and m.phone = any($2::text[]) and m.status in ('pending', 'queued')
            returning m.campaign_id
            """, connection, transaction))
        {
            skip.Parameters.Add(new() { Value = tenant.Value });
            skip.Parameters.Add(new() { Value = distinct });
            skip.Parameters.Add(new() { Value = suppressed.Code });
            skip.Parameters.Add(new() { Value = suppressed.Message });
            await using var reader = await skip.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                touched.Add(reader.GetGuid(0));
            }
        }

        if (touched.Count > 0)
        {
            await using var complete = new NpgsqlCommand(DispatchCompleter.CompleteCampaigns, connection, transaction);
            complete.Parameters.Add(new() { Value = touched.Distinct().ToArray() });
            await complete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Numbers in order; <paramref name="after"/> is the last number of the previous page.</summary>
    public async Task<IReadOnlyList<Suppression>> ListAsync(TenantId tenant, int limit, string? after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select phone, reason, created_at, detail from campaigns.suppressions
             where tenant_id = $1 and ($2::text is null or phone > $2)
             order by phone limit $3
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<Suppression>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Suppression(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<Instant>(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return result;
    }

    public async Task<bool> RemoveAsync(TenantId tenant, string phone, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from campaigns.suppressions where tenant_id = $1 and phone = $2");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = phone });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
