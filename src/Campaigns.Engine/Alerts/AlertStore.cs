using Campaigns.Domain.Tenants;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Alerts;

/// <summary>A tenant's alert URL (<c>campaigns.alert_endpoints</c>) and the test event; the delivery job reads the outbox itself.</summary>
internal sealed class AlertStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Sets the tenant's URL and secret (already encrypted), replacing any: the delivery record starts afresh, and events
    /// still waiting go to the new URL with the new secret.
    /// </summary>
    public async Task SetAsync(TenantId tenant, Uri url, string protectedSecret, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into campaigns.alert_endpoints (tenant_id, url, secret_protected) values ($1, $2, $3)
            on conflict (tenant_id) do update
               set url = excluded.url, secret_protected = excluded.secret_protected, created_at = now(),
                   last_delivery_at = null, last_status = null, failing_since = null, dropped = 0
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = url.AbsoluteUri });
        command.Parameters.Add(new() { Value = protectedSecret });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AlertEndpoint?> FindAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select e.url, e.created_at, e.last_delivery_at, e.last_status, e.failing_since,
                   (select count(*) from campaigns.alert_outbox o where o.tenant_id = e.tenant_id), e.dropped
              from campaigns.alert_endpoints e where e.tenant_id = $1
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new AlertEndpoint(
            new Uri(reader.GetString(0)),
            reader.GetFieldValue<Instant>(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<Instant>(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<Instant>(4),
            reader.GetInt64(5),
            reader.GetInt64(6));
    }

    /// <summary>Removes the tenant's URL and the events waiting for it; false when it had none.</summary>
    public async Task<bool> DeleteAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from campaigns.alert_endpoints where tenant_id = $1");
        command.Parameters.Add(new() { Value = tenant.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Queues a <see cref="AlertEvents.Ping"/> for the tenant's URL; its event id, or null when it has no URL.</summary>
    public async Task<Guid?> PingAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into campaigns.alert_outbox (tenant_id, type, data)
            select tenant_id, $2, '{}'::jsonb from campaigns.alert_endpoints where tenant_id = $1
            returning event_id
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = AlertEvents.Ping });
        return await command.ExecuteScalarAsync(cancellationToken) is Guid id ? id : null;
    }
}
