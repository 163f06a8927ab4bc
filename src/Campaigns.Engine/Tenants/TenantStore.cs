using Campaigns.Domain.Tenants;
using Npgsql;

namespace Campaigns.Engine.Tenants;

/// <summary>Tenants and their API keys.</summary>
internal sealed class TenantStore(NpgsqlDataSource dataSource)
{
    /// <summary>Creates a tenant with one API key and returns the key: the only time it is ever visible.</summary>
    public async Task<(TenantId Tenant, string ApiKey)> CreateAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var tenant = TenantId.New();
        var key = ApiKey.Generate();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("insert into campaigns.tenants (id, name) values ($1, $2)")
        {
            Parameters = { new() { Value = tenant.Value }, new() { Value = name.Trim() } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "insert into campaigns.api_keys (id, tenant_id, key_hash, key_prefix, name) values ($1, $2, $3, $4, 'First key')")
        {
            Parameters =
            {
                new() { Value = Guid.CreateVersion7() }, new() { Value = tenant.Value },
                new() { Value = ApiKey.Hash(key) }, new() { Value = ApiKey.Shown(key) },
            },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken); // a batch runs in one implicit transaction
        return (tenant, key);
    }

    /// <summary>The tenant a key belongs to and the key's id, or null for an unknown or revoked key.</summary>
    public async Task<ApiKeyOwner?> FindByKeyAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select tenant_id, id from campaigns.api_keys where key_hash = $1 and revoked_at is null");
        command.Parameters.Add(new() { Value = ApiKey.Hash(key) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ApiKeyOwner(new TenantId(reader.GetGuid(0)), reader.GetGuid(1)) : null;
    }

    /// <summary>
    /// Whether <paramref name="keyId"/> is a key of <paramref name="tenant"/> that is not revoked: asked on every request
    /// of a bearer token, so that revoking a key ends its tokens at once. Null for a revoked, unknown or other tenant's key.
    /// </summary>
    public async Task<ActiveApiKey?> FindActiveKeyAsync(TenantId tenant, Guid keyId, CancellationToken cancellationToken)
    {
        // The same condition as ApiKeyStore.TouchAsync's update, read here so that a busy token costs no write attempt.
        await using var command = dataSource.CreateCommand(
            """
            select last_used_at is null or last_used_at < now() - interval '1 minute'
            from campaigns.api_keys where id = $1 and tenant_id = $2 and revoked_at is null
            """);
        command.Parameters.Add(new() { Value = keyId });
        command.Parameters.Add(new() { Value = tenant.Value });
        return await command.ExecuteScalarAsync(cancellationToken) is bool due ? new ActiveApiKey(due) : null;
    }

    /// <summary>A tenant's name, or null when there is no such tenant.</summary>
    public async Task<string?> FindNameAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select name from campaigns.tenants where id = $1");
        command.Parameters.Add(new() { Value = tenant.Value });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
