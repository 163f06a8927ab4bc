using System.Text.Json;
using Campaigns.Domain.Templates;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Senders;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Direct;

/// <summary>
/// The statements of direct sends. A direct send is a hidden campaign of one message (<c>kind</c> 'direct', migration
/// 0021), created <c>running</c> with a window open all day in UTC and one sender, so that the pre-check, the claim, the
/// pacing, the caps and the results treat it as any campaign message; the message's id is the campaign's. The statements
/// that decide (idempotency, suppression, choice of sender, variation rule, queue bound) run in the inserting
/// transaction under a per-tenant advisory lock, so two concurrent sends of a tenant cannot both pass a bound.
/// </summary>
internal sealed class DirectSendStore(NpgsqlDataSource dataSource)
{
    /// <summary>How far back the variation rule over direct sends looks.</summary>
    public static readonly Duration IdenticalPeriod = Duration.FromHours(24);

    // Advisory lock in the two-key form: class "dirs", key = a hash of the tenant (its direct sends take turns).
    private const int LockClass = 0x64697273;

    /// <summary>The queued direct messages of a sender (<c>$2</c>) of the tenant (<c>$1</c>), through its running campaigns.</summary>
    private const string QueuedDirect =
        """
        from campaigns.campaigns k join campaigns.messages m on m.campaign_id = k.id
        where k.tenant_id = $1 and k.status = 'running' and k.kind = 'direct' and m.sender_id = $2 and m.status = 'queued'
        """;

    private const string Senders =
        $"""
        select s.id, s.state, s.state_reason, s.paused_reason, s.phone, coalesce(s.restricted_until > now(), false),
               (select count(*)::int from campaigns.campaigns k join campaigns.messages m on m.campaign_id = k.id
                 where k.tenant_id = s.tenant_id and k.status = 'running' and m.sender_id = s.id and m.status = 'queued'),
               coalesce((select n.sent_today from campaigns.numbers n
                          where n.phone = s.phone and n.day = (now() at time zone s.time_zone)::date), 0),
               r.sender_id is not null, r.contacted_at is not null
          from campaigns.senders s
          left join campaigns.recipients r on r.tenant_id = s.tenant_id and r.phone = $2 and r.sender_id = s.id
         where s.tenant_id = $1
         order by s.created_at, s.id
        """;

    /// <summary>
    /// Distinct other numbers (not <c>$3</c>) the tenant's API direct sends gave the same body (<c>$2</c>) since <c>$4</c>
    /// ago: the newest first along <c>campaigns_direct</c>, bounded by the period. Confirmations are left out (exempt).
    /// </summary>
    private const string Identical =
        """
        select count(distinct m.phone)::int
          from campaigns.campaigns k join campaigns.messages m on m.campaign_id = k.id
         where k.tenant_id = $1 and k.kind = 'direct' and k.origin = 'api' and k.created_at > now() - $4
           and m.body_hash = $2 and m.phone <> $3 and m.status <> 'skipped'
        """;

    private const string Insert =
        $"""
        insert into campaigns.campaigns (id, tenant_id, name, template, media, window_starts, window_ends, window_days, window_time_zone,
                                         max_identical, status, recipients_total, recipients_rendered, created_at, updated_at, started_at,
                                         kind, origin, idempotency_key)
        values ($1, $2, $3, $4, $5::jsonb, {AllDayWindow.Sql},
                $6, 'running', 1, 1, now(), now(), now(), 'direct', $7, $8)
        on conflict (tenant_id, idempotency_key) where idempotency_key is not null do nothing
        """;

    private const string InsertRest =
        """
        with sender as (
            insert into campaigns.campaign_senders (campaign_id, sender_id, position) values ($1, $2, 0))
        insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash, sender_id, jid)
        -- The chat from the pre-check's cache when a fresh check says the number is on WhatsApp: the send is claimable
        -- at once, without waiting for a lookup (which is paced per linked number). Else the pre-check settles it.
        values ($1, $3, 0, 'queued', $4, $5, $2,
                coalesce($6, (select coalesce(c.jid, ltrim($3, '+') || '@s.whatsapp.net') from campaigns.number_checks c
                              where c.tenant_id = $7 and c.phone = $3 and c.on_whatsapp and c.checked_at > now() - $8)))
        """;

    /// <summary>Serialises the tenant's direct sends until the transaction ends.</summary>
    public static async Task LockTenantAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TenantId tenant, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock($1, hashtext($2::text))", connection, transaction);
        command.Parameters.Add(new() { Value = LockClass });
        command.Parameters.Add(new() { Value = tenant.Value.ToString() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The tenant's campaign made under <paramref name="key"/> (a direct send's message, or another kind's id only); null when none.</summary>
    public static async Task<(Guid Id, DirectMessageRow? Message)?> FindByKeyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, TenantId tenant, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select k.id, k.kind = 'direct', m.phone, m.sender_id, m.body, k.media::text
              from campaigns.campaigns k left join campaigns.messages m on m.campaign_id = k.id and k.kind = 'direct'
             where k.tenant_id = $1 and k.idempotency_key = $2
            """,
            connection,
            transaction);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var id = reader.GetGuid(0);
        return reader.GetBoolean(1) && !reader.IsDBNull(2)
            ? (id, new DirectMessageRow(reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)))
            : (id, null);
    }

    public static async Task<bool> IsSuppressedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, TenantId tenant, string phone, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select exists (select 1 from campaigns.suppressions where tenant_id = $1 and phone = $2)", connection, transaction);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = phone });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Every sender of the tenant, with its usability, load and whether it is <paramref name="phone"/>'s sticky sender.</summary>
    public static async Task<IReadOnlyList<DirectSender>> SendersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, TenantId tenant, string phone, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Senders, connection, transaction);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = phone });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var senders = new List<DirectSender>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var refusal = SenderUsability.Refusal(
                reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4));
            senders.Add(new DirectSender(
                reader.GetGuid(0), refusal, reader.GetBoolean(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetBoolean(8), reader.GetBoolean(9)));
        }

        return senders;
    }

    /// <summary>How many other numbers the tenant's direct sends of the last 24 hours gave this body.</summary>
    public static async Task<int> IdenticalAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, TenantId tenant, byte[] bodyHash, string phone, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Identical, connection, transaction);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = bodyHash });
        command.Parameters.Add(new() { Value = phone });
        command.Parameters.Add(new() { Value = IdenticalPeriod, NpgsqlDbType = NpgsqlDbType.Interval });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The sender's queued direct sends.</summary>
    public static async Task<int> QueuedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, TenantId tenant, Guid sender, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select count(*)::int {QueuedDirect}", connection, transaction);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = sender });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Stores the direct send and wakes its sender's number; false (nothing stored) when the tenant already has a
    /// campaign under <see cref="DirectInsert.IdempotencyKey"/>.
    /// </summary>
    /// <param name="cacheFor">How long a pre-check's answer is trusted (<c>Precheck:CacheFor</c>).</param>
    public static async Task<bool> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DirectInsert insert, Duration cacheFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(insert);
        await using (var command = new NpgsqlCommand(Insert, connection, transaction))
        {
            command.Parameters.Add(new() { Value = insert.Id });
            command.Parameters.Add(new() { Value = insert.Tenant.Value });
            command.Parameters.Add(new() { Value = insert.Origin switch
            {
                DirectOrigin.OptOut => "Opt-out confirmation",
                DirectOrigin.Resubscribe => "Re-subscribe confirmation",
                _ => "Direct message",
            } });
            command.Parameters.Add(new() { Value = insert.Body });
            command.Parameters.Add(new()
            {
                Value = insert.Media is null ? DBNull.Value : JsonSerializer.Serialize(insert.Media, CampaignStore.Json), NpgsqlDbType = NpgsqlDbType.Text,
            });
            command.Parameters.Add(new() { Value = insert.MaxIdentical });
            command.Parameters.Add(new() { Value = insert.Origin });
            command.Parameters.Add(new() { Value = (object?)insert.IdempotencyKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await using (var command = new NpgsqlCommand(InsertRest, connection, transaction))
        {
            command.Parameters.Add(new() { Value = insert.Id });
            command.Parameters.Add(new() { Value = insert.Sender });
            command.Parameters.Add(new() { Value = insert.Phone });
            command.Parameters.Add(new() { Value = insert.Body });
            command.Parameters.Add(new() { Value = insert.BodyHash });
            command.Parameters.Add(new() { Value = (object?)insert.Jid ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = insert.Tenant.Value });
            command.Parameters.Add(new() { Value = cacheFor, NpgsqlDbType = NpgsqlDbType.Interval });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // The sender's number gets its row and becomes due (a parked number would not look at the new message).
        await DispatchWake.WakeSendersAsync(connection, transaction, [insert.Sender], cancellationToken);
        return true;
    }

    /// <summary>The tenant's direct send <paramref name="id"/>; null when there is none (or it is another tenant's, or not a direct send).</summary>
    public Task<DirectMessage?> FindAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        FindAsync(null, null, tenant, id, cancellationToken);

    public async Task<DirectMessage?> FindAsync(
        NpgsqlConnection? connection, NpgsqlTransaction? transaction, TenantId tenant, Guid id, CancellationToken cancellationToken)
    {
        const string sql =
            $"""
            select c.id, m.phone, m.sender_id, c.origin, m.status, coalesce(m.skip_reason, m.error), coalesce(m.skip_code, m.error_code),
                   m.body, c.media::text, c.created_at, m.sent_at, m.delivered_at, m.read_at, m.failed_at, m.replied_at,
                   case when m.status = 'queued' then 1 + (select count(*)::int
                        from campaigns.campaigns k join campaigns.messages q on q.campaign_id = k.id
                        where k.tenant_id = c.tenant_id and k.status = 'running' and k.kind = 'direct' and q.sender_id = m.sender_id
                          and q.status = 'queued' and (k.created_at, k.id) < (c.created_at, c.id)) end
              from campaigns.campaigns c join campaigns.messages m on m.campaign_id = c.id
             where c.tenant_id = $1 and c.id = $2 and c.kind = 'direct'
            """;
        await using var command = connection is null ? dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new DirectMessage(
            reader.GetGuid(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetGuid(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.IsDBNull(15) ? null : reader.GetInt32(15),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? "" : reader.GetString(7),
            reader.IsDBNull(8) ? null : JsonSerializer.Deserialize<MediaDraft>(reader.GetString(8), CampaignStore.Json),
            reader.GetFieldValue<Instant>(9),
            reader.IsDBNull(10) ? null : reader.GetFieldValue<Instant>(10),
            reader.IsDBNull(11) ? null : reader.GetFieldValue<Instant>(11),
            reader.IsDBNull(12) ? null : reader.GetFieldValue<Instant>(12),
            reader.IsDBNull(13) ? null : reader.GetFieldValue<Instant>(13),
            reader.IsDBNull(14) ? null : reader.GetFieldValue<Instant>(14));
    }
}
