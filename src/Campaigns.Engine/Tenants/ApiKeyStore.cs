using Npgsql;

namespace Campaigns.Engine.Tenants;

/// <summary>A tenant's API keys as the tenant manages them (issue 12): named, listed with their last use, revoked.</summary>
internal sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records that a key (or a token made from it) was used now. Written at most once a minute per key: the update
    /// is conditional, so a busy key costs one indexed read per minute, not one write per request.
    /// </summary>
    public async Task TouchAsync(Guid keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "update campaigns.api_keys set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')");
        command.Parameters.Add(new() { Value = keyId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
