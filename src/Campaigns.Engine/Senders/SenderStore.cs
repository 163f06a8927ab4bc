using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Pacing;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Contacts;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Senders;

/// <summary>
/// A tenant's senders. Another tenant's sender is as absent as one that never existed. Apart from the insert, every write
/// is narrow: a user's change writes the name and settings only, and state, key, number and pause each have their own
/// small update (guarded by the value expected where two writers race), so that a <c>PATCH</c>, dispatch and webhooks
/// never undo one another's writes with a stale copy of the row.
/// </summary>
internal sealed class SenderStore(NpgsqlDataSource dataSource)
{
    private const string InsertColumns =
        "id, tenant_id, gateway_id, name, gateway_url, instance, instance_key_protected, phone, time_zone, activated_on, " +
        "daily_cap_min, daily_cap_max, min_interval_ms, jitter_min_ms, jitter_max_ms, state, state_reason, state_changed_at, created_at";

    internal const string Columns = InsertColumns + ", paused_reason, paused_at, consecutive_failures, pacing_profile, max_per_minute, max_per_hour" + ", typing" + ", " +
        // A restriction only while in force (read by name).
        "case when restricted_until > now() then restriction end as restriction, " +
        "case when restricted_until > now() then restricted_until end as restricted_until, " +
        "case when restricted_until > now() then restricted_at end as restricted_at";

    /// <summary>
    /// The one way to restart a number's warm-up ramp (issue 9: after idleness, which the claim does through
    /// <c>Pacing.Decide</c>, or after a restriction): a SET fragment for <c>campaigns.numbers</c> given the SQL expression
    /// of the sender's IANA zone (e.g. <c>s.time_zone</c>). The ramp's day 0 becomes today in that zone
    /// (<see cref="PacingState.WarmUpFrom"/>), and today's drawn cap is dropped so that the next claim draws it again on
    /// the restarted ramp. Use: <c>$"update campaigns.numbers n set {SenderStore.RestartWarmUpSql("s.time_zone")} from campaigns.senders s where …"</c>.
    /// </summary>
    internal static string RestartWarmUpSql(string zone) => $"warmup_from = (now() at time zone {zone})::date, cap_today = null";

    /// <summary>
    /// Pause reasons that mean the sender's connection was not open (the dispatcher pauses with the state's name):
    /// resuming such a sender is a reconnect, so it ramps up again (<c>senders.reconnected_at</c>), and the health guard
    /// counts these pauses as flaps and may replace them with its own.
    /// </summary>
    internal static readonly string[] NotOpenPauseReasons = ["close", "connecting", "refused", "unknown"];

    /// <summary>
    /// Stores a new sender with its <see cref="InstanceEndpoint"/>. The unique indexes decide, across tenants: a second
    /// live sender for one instance or one linked number is refused (which one is said, never whose).
    /// </summary>
    public async Task<SenderInsert> InsertAsync(Sender sender, byte[] webhookSecretHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        await using var command = dataSource.CreateCommand(
            $"""
            insert into campaigns.senders ({InsertColumns}, webhook_secret_hash, instance_endpoint, pacing_profile, max_per_minute, max_per_hour, typing)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
            on conflict (tenant_id, gateway_url, instance) do nothing
            """);
        AddParameters(command, sender);
        command.Parameters.Add(new() { Value = webhookSecretHash });
        command.Parameters.Add(new() { Value = InstanceEndpoint.Of(sender.GatewayUrl, sender.Instance) });
        AddPacing(command, sender.Pacing);
        command.Parameters.Add(new() { Value = sender.Typing });
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? SenderInsert.Inserted : SenderInsert.InstanceInUse;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ex.ConstraintName == PhoneIndex ? SenderInsert.NumberInUse : SenderInsert.InstanceInUse;
        }
    }

    private const string PhoneIndex = "senders_phone";

    /// <summary>Whether a sender of any tenant other than <paramref name="except"/> drives that instance (<see cref="InstanceEndpoint"/>).</summary>
    public async Task<bool> InstanceInUseAsync(string endpoint, SenderId? except, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select exists (select 1 from campaigns.senders where instance_endpoint = $1 and ($2::uuid is null or id <> $2))");
        command.Parameters.Add(new() { Value = endpoint });
        command.Parameters.Add(new() { Value = except is { } e ? e.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Whether a sender of any tenant other than <paramref name="except"/> holds that number.</summary>
    public async Task<bool> NumberInUseAsync(string phone, SenderId? except, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select exists (select 1 from campaigns.senders where phone = $1 and ($2::uuid is null or id <> $2))");
        command.Parameters.Add(new() { Value = phone });
        command.Parameters.Add(new() { Value = except is { } e ? e.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
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

    /// <summary>
    /// A user's change: the name and pacing settings, nothing else (connection state, number, key and pause are other
    /// writers' columns). The settings apply to the next send.
    /// </summary>
    public async Task UpdateSettingsAsync(Sender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var s = sender.Settings;
        await Execute(
            """
            update campaigns.senders
               set name = $3, time_zone = $4, activated_on = $5, daily_cap_min = $6, daily_cap_max = $7,
                   min_interval_ms = $8, jitter_min_ms = $9, jitter_max_ms = $10,
                   pacing_profile = $11, max_per_minute = $12, max_per_hour = $13,
                   typing = $14
             where id = $1 and tenant_id = $2
            """,
            cancellationToken,
            sender.Id.Value, sender.Tenant.Value, sender.Name, s.TimeZone.Id, s.ActivatedOn, s.DailyCapMin, s.DailyCapMax,
            (int)s.MinInterval.TotalMilliseconds, (int)s.JitterMin.TotalMilliseconds, (int)s.JitterMax.TotalMilliseconds,
            SenderPacing.ProfileName(sender.Pacing.Profile), sender.Pacing.MaxPerMinute, sender.Pacing.MaxPerHour,
            sender.Typing);
    }

    /// <summary>Stores a new (encrypted) instance key.</summary>
    public Task UpdateKeyAsync(SenderId id, string protectedKey, CancellationToken cancellationToken) =>
        Execute("update campaigns.senders set instance_key_protected = $2 where id = $1", cancellationToken, id.Value, protectedKey);

    /// <summary>
    /// Records a connection state, guarded by the state it was read in (<paramref name="expected"/>): false when another
    /// writer changed it meanwhile, whose newer word then stands. A state that becomes <c>open</c> from another is a
    /// reconnect: <c>reconnected_at</c> is set, and the sender's gaps ramp down from it (<c>Pacing:ReconnectRamp</c>).
    /// </summary>
    public async Task<bool> RecordStateAsync(
        SenderId id, SenderState expected, SenderState state, string? reason, Instant at, CancellationToken cancellationToken) =>
        await Execute(
            """
            update campaigns.senders set state = $3, state_reason = $4, state_changed_at = $5,
                   reconnected_at = case when $3 = 'open' and state <> 'open' then $5 else reconnected_at end
             where id = $1 and state = $2
            """,
            cancellationToken,
            id.Value, StateText(expected), StateText(state), (object?)reason ?? DBNull.Value, at) == 1;

    /// <summary>
    /// Links the sender to its number, once (only while it has none); false when another live sender (of any tenant)
    /// already holds that number: one number, one budget.
    /// </summary>
    public async Task<bool> LinkNumberAsync(SenderId id, string phone, CancellationToken cancellationToken)
    {
        try
        {
            await Execute("update campaigns.senders set phone = $2 where id = $1 and phone is null", cancellationToken, id.Value, phone);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == PhoneIndex)
        {
            return false;
        }
    }

    /// <summary>Gives a sender stored before migration 0005 its <see cref="InstanceEndpoint"/>; false when another sender already has it.</summary>
    public async Task<bool> SetInstanceEndpointAsync(SenderId id, string endpoint, CancellationToken cancellationToken)
    {
        try
        {
            await Execute("update campaigns.senders set instance_endpoint = $2 where id = $1 and instance_endpoint is null", cancellationToken, id.Value, endpoint);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>Pauses the sender with <paramref name="reason"/>, unless it is paused already (the first reason stands); false then.</summary>
    public async Task<bool> PauseAsync(TenantId tenant, SenderId id, string reason, Instant at, CancellationToken cancellationToken) =>
        await Execute(
            "update campaigns.senders set paused_reason = $3, paused_at = $4 where tenant_id = $1 and id = $2 and paused_reason is null",
            cancellationToken,
            tenant.Value, id.Value, reason, at) == 1;

    /// <summary>
    /// Ends a pause, with its failure count and back-off; false when it was not paused. Resuming a sender paused for not
    /// being open (<see cref="NotOpenPauseReasons"/>) is a reconnect: it ramps up again from now.
    /// </summary>
    public async Task<bool> ResumeAsync(TenantId tenant, SenderId id, CancellationToken cancellationToken) =>
        await Execute(
            """
            update campaigns.senders set paused_reason = null, paused_at = null, consecutive_failures = 0, backoff_until = null,
                   reconnected_at = case when paused_reason = any($3) then now() else reconnected_at end
             where tenant_id = $1 and id = $2 and paused_reason is not null
            """,
            cancellationToken,
            tenant.Value, id.Value, NotOpenPauseReasons) == 1;

    /// <summary>
    /// Deletes the sender unless a scheduled, running or paused campaign sends from it (those are returned, and nothing is
    /// deleted). The sender row is locked first, and starting a campaign locks its senders' rows too
    /// (<c>CampaignStore.MoveAsync</c>), so a start that happens meanwhile is either seen here or finds the sender gone.
    /// Null when there is no such sender.
    /// </summary>
    public async Task<IReadOnlyList<ListUser>?> DeleteAsync(TenantId tenant, SenderId id, CancellationToken cancellationToken)
    {
        // The delete locks the sender, then its cascade locks the sender's stored webhooks; the webhook processor locks
        // webhooks, then updates their sender (a connection.update). PostgreSQL breaks such a deadlock by failing one
        // side; the delete is tried again (the processor retries on its own).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryDeleteAsync(tenant, id, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    private async Task<IReadOnlyList<ListUser>?> TryDeleteAsync(TenantId tenant, SenderId id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockSender = new NpgsqlCommand(
            "select 1 from campaigns.senders where tenant_id = $1 and id = $2 for update", connection, transaction))
        {
            lockSender.Parameters.Add(new() { Value = tenant.Value });
            lockSender.Parameters.Add(new() { Value = id.Value });
            if (await lockSender.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }

        var users = new List<ListUser>();
        await using (var inUse = new NpgsqlCommand(
            """
            select c.id, c.name, c.status from campaigns.campaign_senders cs join campaigns.campaigns c on c.id = cs.campaign_id
             where cs.sender_id = $1 and c.status in ('scheduled', 'running', 'paused')
             order by c.created_at, c.id
            """, connection, transaction))
        {
            inUse.Parameters.Add(new() { Value = id.Value });
            await using var reader = await inUse.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                users.Add(new ListUser(new CampaignId(reader.GetGuid(0)), reader.GetString(1), StatusText.ParseCampaignStatus(reader.GetString(2))));
            }
        }

        if (users.Count > 0)
        {
            return users;
        }

        await using (var delete = new NpgsqlCommand("delete from campaigns.senders where id = $1", connection, transaction))
        {
            delete.Parameters.Add(new() { Value = id.Value });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return users;
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
            "select day, sent_today, cap_today, next_send_at, last_sent_at, warmup_from from campaigns.numbers where phone = $1");
        command.Parameters.Add(new() { Value = (object?)sender.Phone ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var state = PacingState.Empty;
        Instant? next = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            state = new PacingState(
                reader.IsDBNull(0) ? null : reader.GetFieldValue<LocalDate>(0),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<Instant>(4))
            {
                WarmUpFrom = reader.IsDBNull(5) ? null : reader.GetFieldValue<LocalDate>(5),
            };
            next = reader.IsDBNull(3) ? null : reader.GetFieldValue<Instant>(3);
        }

        var budget = state.On(day, sender.Id, sender.Settings); // the Domain's one rule: a counter of another day counts nothing
        return new SenderToday(day, budget.Sent, budget.Cap, next) { LastSentAt = state.LastSentAt, WarmUpFrom = state.WarmUpFrom };
    }

    public static string StateText(SenderState state) => state.ToString().ToLowerInvariant();

    private async Task<int> Execute(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value ?? DBNull.Value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddPacing(NpgsqlCommand command, SenderPacing pacing)
    {
        command.Parameters.Add(new() { Value = SenderPacing.ProfileName(pacing.Profile) });
        command.Parameters.Add(new() { Value = (object?)pacing.MaxPerMinute ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = (object?)pacing.MaxPerHour ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
    }

    private static void AddParameters(NpgsqlCommand command, Sender sender)
    {
        var s = sender.Settings;
        object?[] values =
        [
            sender.Id.Value, sender.Tenant.Value, sender.GatewayId?.Value, sender.Name, sender.GatewayUrl.AbsoluteUri,
            sender.Instance, sender.ProtectedInstanceKey, sender.Phone, s.TimeZone.Id, s.ActivatedOn,
            s.DailyCapMin, s.DailyCapMax, (int)s.MinInterval.TotalMilliseconds, (int)s.JitterMin.TotalMilliseconds,
            (int)s.JitterMax.TotalMilliseconds, StateText(sender.State), sender.StateReason,
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
            reader.GetFieldValue<Instant>(18),
            reader.IsDBNull(19) ? null : new SenderPause(reader.GetString(19), reader.IsDBNull(20) ? reader.GetFieldValue<Instant>(17) : reader.GetFieldValue<Instant>(20)),
            reader.GetInt32(21))
        {
            // Stored pacing choices were valid when stored (the columns' checks hold the same ranges).
            Pacing = SenderPacing.Create(
                reader.GetString(22), reader.IsDBNull(23) ? null : reader.GetInt32(23), reader.IsDBNull(24) ? null : reader.GetInt32(24)).Value,
            Typing = reader.GetBoolean(reader.GetOrdinal("typing")),
            Restriction = Restriction(reader),
        };
    }

    /// <summary>The restriction in force read from <see cref="Columns"/>, or null.</summary>
    private static SenderRestriction? Restriction(NpgsqlDataReader reader)
    {
        var kind = reader.GetOrdinal("restriction");
        return reader.IsDBNull(kind)
            ? null
            : new SenderRestriction(
                reader.GetString(kind),
                reader.GetFieldValue<Instant>(reader.GetOrdinal("restricted_until")),
                reader.GetFieldValue<Instant>(reader.GetOrdinal("restricted_at")));
    }
}
