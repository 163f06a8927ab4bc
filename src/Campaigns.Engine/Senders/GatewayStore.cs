using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Senders;

/// <summary>A tenant's registered gateways.</summary>
internal sealed class GatewayStore(NpgsqlDataSource dataSource)
{
    /// <summary>Stores a gateway; false when the tenant already registered that URL.</summary>
    public async Task<bool> InsertAsync(RegisteredGateway gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        await using var command = dataSource.CreateCommand(
            """
            insert into campaigns.gateways (id, tenant_id, name, url, api_key_protected, created_at)
            values ($1, $2, $3, $4, $5, $6) on conflict (tenant_id, url) do nothing
            """);
        command.Parameters.Add(new() { Value = gateway.Id.Value });
        command.Parameters.Add(new() { Value = gateway.Tenant.Value });
        command.Parameters.Add(new() { Value = gateway.Name });
        command.Parameters.Add(new() { Value = gateway.Url.AbsoluteUri });
        command.Parameters.Add(new() { Value = gateway.ProtectedApiKey });
        command.Parameters.Add(new() { Value = gateway.CreatedAt });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<RegisteredGateway?> FindAsync(TenantId tenant, GatewayId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select id, tenant_id, name, url, api_key_protected, created_at from campaigns.gateways where tenant_id = $1 and id = $2");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = id.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<RegisteredGateway>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select id, tenant_id, name, url, api_key_protected, created_at from campaigns.gateways where tenant_id = $1 order by created_at, id");
        command.Parameters.Add(new() { Value = tenant.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var gateways = new List<RegisteredGateway>();
        while (await reader.ReadAsync(cancellationToken))
        {
            gateways.Add(Read(reader));
        }

        return gateways;
    }

    public async Task<bool> DeleteAsync(TenantId tenant, GatewayId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from campaigns.gateways where tenant_id = $1 and id = $2");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = id.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static RegisteredGateway Read(NpgsqlDataReader reader) => new(
        new GatewayId(reader.GetGuid(0)), new TenantId(reader.GetGuid(1)), reader.GetString(2), new Uri(reader.GetString(3)),
        reader.GetString(4), reader.GetFieldValue<Instant>(5));
}
