using Campaigns.Domain.Replies;
using Campaigns.Domain.Tenants;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Replies;

/// <summary>A tenant's opt-out settings, in its row of <c>tenants</c>.</summary>
internal sealed class OptOutSettingsStore(NpgsqlDataSource dataSource)
{
    /// <summary>The tenant's settings; null when there is no such tenant.</summary>
    public async Task<OptOutSettings?> FindAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select opt_out_keywords, opt_out_confirmation, resubscribe_confirmation from campaigns.tenants where id = $1");
        command.Parameters.Add(new() { Value = tenant.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? OptOutSettings.FromStored(
                reader.GetFieldValue<string[]>(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    /// <summary>Replaces the tenant's settings; false when there is no such tenant.</summary>
    public async Task<bool> SaveAsync(TenantId tenant, OptOutSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var command = dataSource.CreateCommand(
            "update campaigns.tenants set opt_out_keywords = $2, opt_out_confirmation = $3, resubscribe_confirmation = $4 where id = $1");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = settings.Keywords.ToArray() });
        command.Parameters.Add(new() { Value = (object?)settings.Confirmation ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)settings.ResubscribeConfirmation ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The settings of each of <paramref name="tenants"/> (own keywords and confirmations), read in the caller's transaction.</summary>
    public static async Task<IReadOnlyDictionary<Guid, OptOutSettings>> SettingsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<Guid> tenants, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select id, opt_out_keywords, opt_out_confirmation, resubscribe_confirmation from campaigns.tenants where id = any($1)", connection, transaction);
        command.Parameters.Add(new() { Value = tenants.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var settings = new Dictionary<Guid, OptOutSettings>();
        while (await reader.ReadAsync(cancellationToken))
        {
            settings[reader.GetGuid(0)] = OptOutSettings.FromStored(
                reader.GetFieldValue<string[]>(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }

        return settings;
    }
}
