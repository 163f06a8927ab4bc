using Campaigns.Domain.Tenants;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Suppressions;

/// <summary>A tenant's suppression list: numbers that are never imported and never sent to.</summary>
internal sealed class SuppressionStore(NpgsqlDataSource dataSource)
{
    /// <summary>Adds numbers (E.164) and returns how many were not on the list yet.</summary>
    public async Task<int> AddAsync(TenantId tenant, IReadOnlyCollection<string> phones, string reason, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into campaigns.suppressions (tenant_id, phone, reason)
            select $1, p, $3 from unnest($2::text[]) p
            on conflict do nothing
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = phones.Distinct().ToArray() }); // distinct: one statement cannot insert a key twice
        command.Parameters.Add(new() { Value = reason });
        return await command.ExecuteNonQueryAsync(cancellationToken);
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
