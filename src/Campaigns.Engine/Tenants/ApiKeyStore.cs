using Campaigns.Domain.Common;
using Campaigns.Domain.Tenants;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Tenants;

/// <summary>
/// A tenant's API keys as the tenant manages them (issue 12): named, listed with their last use, created (the key shown
/// once), revoked. Creating and revoking take turns per tenant (a lock on the tenant's row), so that two revocations at
/// once can never leave a tenant without an active key.
/// </summary>
internal sealed class ApiKeyStore(NpgsqlDataSource dataSource, IClock clock)
{
    /// <summary>The most active keys a tenant may hold: 100.</summary>
    public const int MaxActiveKeys = 100;

    private const string Columns = "id, name, key_prefix, created_at, last_used_at, revoked_at";

    private readonly ApiKeyUseThrottle _throttle = new(clock);

    /// <summary>The tenant's keys, newest first, revoked ones included; <paramref name="after"/> is the last id of the previous page.</summary>
    public async Task<IReadOnlyList<StoredApiKey>> ListAsync(TenantId tenant, int limit, Guid? after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select {Columns} from campaigns.api_keys
             where tenant_id = $1
               and ($2::uuid is null or (created_at, id) < (select created_at, id from campaigns.api_keys where id = $2 and tenant_id = $1))
             order by created_at desc, id desc
             limit $3
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = after is { } a ? a : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<StoredApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <summary>One of the tenant's keys; null for an unknown id and for another tenant's key.</summary>
    public async Task<StoredApiKey?> FindAsync(TenantId tenant, Guid keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from campaigns.api_keys where id = $1 and tenant_id = $2");
        command.Parameters.Add(new() { Value = keyId });
        command.Parameters.Add(new() { Value = tenant.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Makes a key for the tenant; its secret is in the answer only (only its hash is stored).</summary>
    public async Task<Result<CreatedApiKey>> CreateAsync(TenantId tenant, ApiKeyName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var active = await LockTenantAsync(connection, transaction, tenant, cancellationToken);
        if (active >= MaxActiveKeys)
        {
            return ApiKeyErrors.TooMany();
        }

        var secret = ApiKey.Generate();
        await using var insert = new NpgsqlCommand(
            $"insert into campaigns.api_keys (id, tenant_id, key_hash, key_prefix, name) values ($1, $2, $3, $4, $5) returning {Columns}",
            connection,
            transaction);
        insert.Parameters.Add(new() { Value = Guid.CreateVersion7() });
        insert.Parameters.Add(new() { Value = tenant.Value });
        insert.Parameters.Add(new() { Value = ApiKey.Hash(secret) });
        insert.Parameters.Add(new() { Value = ApiKey.Shown(secret) });
        insert.Parameters.Add(new() { Value = name.Value });
        StoredApiKey key;
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            key = Read(reader);
        }

        await transaction.CommitAsync(cancellationToken);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>
    /// Revokes one of the tenant's keys: from now on it (and every token made from it) is refused. Revoking a revoked key
    /// changes nothing and answers it as it is. Refused for the tenant's last active key, so a tenant never locks itself out.
    /// </summary>
    public async Task<Result<StoredApiKey>> RevokeAsync(TenantId tenant, Guid keyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var active = await LockTenantAsync(connection, transaction, tenant, cancellationToken);
        StoredApiKey? key;
        await using (var find = new NpgsqlCommand($"select {Columns} from campaigns.api_keys where id = $1 and tenant_id = $2", connection, transaction))
        {
            find.Parameters.Add(new() { Value = keyId });
            find.Parameters.Add(new() { Value = tenant.Value });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            key = await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }

        if (key is null)
        {
            return ApiKeyErrors.NotFound();
        }

        if (key.RevokedAt is not null)
        {
            return key;
        }

        if (active <= 1)
        {
            return ApiKeyErrors.LastActiveKey();
        }

        await using (var revoke = new NpgsqlCommand(
            $"update campaigns.api_keys set revoked_at = now() where id = $1 returning {Columns}", connection, transaction))
        {
            revoke.Parameters.Add(new() { Value = keyId });
            await using var reader = await revoke.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            key = Read(reader);
        }

        await transaction.CommitAsync(cancellationToken);
        return key;
    }

    /// <summary>
    /// Records that a key (or a token made from it) was used now, to the minute: <see cref="ApiKeyUseThrottle"/> lets
    /// through at most one call per key a minute in this process, and the update is conditional, so that across
    /// processes too the row is written at most once a minute.
    /// </summary>
    public async Task TouchAsync(Guid keyId, CancellationToken cancellationToken)
    {
        if (!_throttle.ShouldRecord(keyId))
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            "update campaigns.api_keys set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')");
        command.Parameters.Add(new() { Value = keyId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Locks the tenant's row until the transaction ends (NO KEY UPDATE: rows that merely reference the tenant are not
    /// held up), then counts its active keys. The count is a statement of its own: under READ COMMITTED it then sees
    /// what a transaction that held the lock before us committed (a subquery of the locking statement would not).
    /// </summary>
    private static async Task<long> LockTenantAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, TenantId tenant, CancellationToken cancellationToken)
    {
        await using (var lockTenant = new NpgsqlCommand("select 1 from campaigns.tenants where id = $1 for no key update", connection, transaction))
        {
            lockTenant.Parameters.Add(new() { Value = tenant.Value });
            await lockTenant.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var count = new NpgsqlCommand(
            "select count(*) from campaigns.api_keys where tenant_id = $1 and revoked_at is null", connection, transaction);
        count.Parameters.Add(new() { Value = tenant.Value });
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    private static StoredApiKey Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<Instant>(3),
        reader.IsDBNull(4) ? null : reader.GetFieldValue<Instant>(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<Instant>(5));
}
