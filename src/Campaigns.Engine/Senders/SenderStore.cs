using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Senders;

/// <summary>A tenant's senders. Another tenant's sender is as absent as one that never existed.</summary>
internal sealed class SenderStore(NpgsqlDataSource dataSource)
{
    internal const string Columns =
        "id, tenant_id, gateway_id, name, gateway_url, instance, instance_key_protected, phone, time_zone, activated_on, " +
        "daily_cap_min, daily_cap_max, min_interval_ms, jitter_min_ms, jitter_max_ms, state, state_reason, state_changed_at, created_at";

    /// <summary>Stores a new sender; false when the tenant already has a sender for that gateway instance.</summary>
    public async Task<bool> InsertAsync(Sender sender, byte[] webhookSecretHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        await using var command = dataSource.CreateCommand(
            $"""
            insert into campaigns.senders ({Columns}, webhook_secret_hash)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
            on conflict (tenant_id, gateway_url, instance) do nothing
            """);
        AddParameters(command, sender);
        command.Parameters.Add(new() { Value = webhookSecretHash });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<Sender?> FindAsync(TenantId tenant, SenderId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from campaigns.senders where tenant_id = $1 and id = $2");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = id.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<Sender?> FindByInstanceAsync(TenantId tenant, Uri gatewayUrl, string instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gatewayUrl);
        await using var command = dataSource.CreateCommand(
            $"select {Columns} from campaigns.senders where tenant_id = $1 and gateway_url = $2 and instance = $3");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = gatewayUrl.AbsoluteUri });
        command.Parameters.Add(new() { Value = instance });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The sender a webhook URL names, if its secret matches (compared as hashes, in constant time by the index).</summary>
    public async Task<Sender?> FindByWebhookSecretAsync(SenderId id, byte[] secretHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from campaigns.senders where id = $1 and webhook_secret_hash = $2");
        command.Parameters.Add(new() { Value = id.Value });
        command.Parameters.Add(new() { Value = secretHash });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Newest first; <paramref name="after"/> is the id of the last sender of the previous page.</summary>
    public async Task<IReadOnlyList<Sender>> ListAsync(TenantId tenant, int limit, SenderId? after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select {Columns} from campaigns.senders
             where tenant_id = $1
               and ($2::uuid is null or (created_at, id) < (select created_at, id from campaigns.senders where id = $2 and tenant_id = $1))
             order by created_at desc, id desc
             limit $3
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = after is { } a ? a.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var senders = new List<Sender>();
        while (await reader.ReadAsync(cancellationToken))
        {
            senders.Add(Read(reader));
        }

        return senders;
    }

    /// <summary>Saves name, settings, state, phone and key of an existing sender (identity and gateway never change).</summary>
    public async Task UpdateAsync(Sender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        await using var command = dataSource.CreateCommand(
            """
            update campaigns.senders
               set gateway_id = $3, name = $4, instance_key_protected = $7, phone = $8, time_zone = $9, activated_on = $10,
                   daily_cap_min = $11, daily_cap_max = $12, min_interval_ms = $13, jitter_min_ms = $14, jitter_max_ms = $15,
                   state = $16, state_reason = $17, state_changed_at = $18
             where id = $1 and tenant_id = $2
            """);
        AddParameters(command, sender);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(TenantId tenant, SenderId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from campaigns.senders where tenant_id = $1 and id = $2");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = id.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// The budget of the sender's number on its local <paramref name="day"/>: sends counted, the cap, and the bucket's
    /// next slot. The budget belongs to the linked number (<c>campaigns.numbers</c>), so a sender not linked yet has an
    /// untouched one.
    /// </summary>
    public async Task<SenderToday> TodayAsync(Sender sender, LocalDate day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        await using var command = dataSource.CreateCommand(
            "select day, sent_today, cap_today, next_send_at from campaigns.numbers where phone = $1");
        command.Parameters.Add(new() { Value = (object?)sender.Phone ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new SenderToday(day, 0, DailyCap.For(sender.Id, sender.Settings, day), null);
        }

        var counted = !reader.IsDBNull(0) && reader.GetFieldValue<LocalDate>(0) == day;
        var sent = counted ? reader.GetInt32(1) : 0;
        var cap = counted && !reader.IsDBNull(2) ? reader.GetInt32(2) : DailyCap.For(sender.Id, sender.Settings, day);
        Instant? next = reader.IsDBNull(3) ? null : reader.GetFieldValue<Instant>(3);
        return new SenderToday(day, sent, cap, next);
    }

    private static void AddParameters(NpgsqlCommand command, Sender sender)
    {
        var s = sender.Settings;
        object?[] values =
        [
            sender.Id.Value, sender.Tenant.Value, sender.GatewayId?.Value, sender.Name, sender.GatewayUrl.AbsoluteUri,
            sender.Instance, sender.ProtectedInstanceKey, sender.Phone, s.TimeZone.Id, s.ActivatedOn,
            s.DailyCapMin, s.DailyCapMax, (int)s.MinInterval.TotalMilliseconds, (int)s.JitterMin.TotalMilliseconds,
            (int)s.JitterMax.TotalMilliseconds, sender.State.ToString().ToLowerInvariant(), sender.StateReason,
            sender.StateChangedAt, sender.CreatedAt,
        ];
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value ?? DBNull.Value });
        }

        command.Parameters[2].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid;
        command.Parameters[7].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        command.Parameters[16].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
    }

    internal static Sender Read(NpgsqlDataReader reader)
    {
        var settings = SenderSettings.Create(
            reader.GetString(8), reader.GetFieldValue<LocalDate>(9), reader.GetInt32(10), reader.GetInt32(11),
            reader.GetInt32(12), reader.GetInt32(13), reader.GetInt32(14));
        return new Sender(
            new SenderId(reader.GetGuid(0)),
            new TenantId(reader.GetGuid(1)),
            reader.IsDBNull(2) ? null : new GatewayId(reader.GetGuid(2)),
            reader.GetString(3),
            new Uri(reader.GetString(4)),
            reader.GetString(5),
            reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            settings.Value, // stored settings were valid when stored, and the checks only ever loosen
            Enum.Parse<SenderState>(reader.GetString(15), ignoreCase: true),
            reader.IsDBNull(16) ? null : reader.GetString(16),
            reader.GetFieldValue<Instant>(17),
            reader.GetFieldValue<Instant>(18));
    }
}
