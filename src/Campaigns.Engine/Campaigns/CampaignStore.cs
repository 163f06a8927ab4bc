using System.Text.Json;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Contacts;
using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Templates;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Senders;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Reads and writes a tenant's campaigns and their messages. Another tenant's campaign is as absent as one that never
/// existed. Writes that depend on the status are guarded by it in SQL, so that two writers cannot both move a campaign.
/// </summary>
internal sealed class CampaignStore(NpgsqlDataSource dataSource)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // The senders in their campaign_senders order; the columns after them are the draft's, as stored.
    private const string Columns =
        "id, tenant_id, name, contact_list_id, template, media, " +
        "array(select cs.sender_id from campaigns.campaign_senders cs where cs.campaign_id = campaigns.id order by cs.position), " +
        "window_starts, window_ends, window_days, window_time_zone, " +
        "start_at, max_identical, status, recipients_total, recipients_rendered, prepare_result, prepare_error, created_at, updated_at, " +
        "started_at, completed_at, stop_on_reply, origin, min_gap_ms";

    private const string InsertColumns =
        "id, tenant_id, name, contact_list_id, template, media, window_starts, window_ends, window_days, window_time_zone, " +
        "start_at, max_identical, status, recipients_total, recipients_rendered, prepare_result, prepare_error, created_at, updated_at, stop_on_reply, " +
        "origin, min_gap_ms, idempotency_key";

    public async Task InsertAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertAsync(connection, transaction, campaign, idempotencyKey: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts a campaign with its senders in the caller's transaction (a bulk send creates its list and its campaign
    /// together). A second campaign of the tenant with the same <paramref name="idempotencyKey"/> violates the unique
    /// index <c>campaigns_idempotency</c>.
    /// </summary>
    public static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Campaign campaign, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        await using (var command = new NpgsqlCommand(
            $"""
            insert into campaigns.campaigns ({InsertColumns})
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, 0, null, null, $14, $15, $16, $17, $18, $19)
            """, connection, transaction))
        {
            AddDraftParameters(command, campaign);
            command.Parameters.Add(new() { Value = StatusText.Name(campaign.Status) });
            command.Parameters.Add(new() { Value = campaign.CreatedAt });
            command.Parameters.Add(new() { Value = campaign.UpdatedAt });
            command.Parameters.Add(new() { Value = campaign.StopOnReply });
            command.Parameters.Add(new() { Value = (object?)campaign.Origin ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new()
            {
                Value = campaign.Delay is { } delay ? checked((int)delay.TotalMilliseconds) : DBNull.Value,
                NpgsqlDbType = NpgsqlDbType.Integer,
            });
            command.Parameters.Add(new() { Value = (object?)idempotencyKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await ReplaceSendersAsync(connection, transaction, campaign, cancellationToken);
    }

    /// <summary>
    /// The tenant's campaign (of any kind) made under <paramref name="idempotencyKey"/>, with its kind, origin and the hash
    /// of the request that made it (a bulk send's; null otherwise); null when none.
    /// </summary>
    public async Task<(CampaignId Id, string Kind, string? Origin, byte[]? RequestHash)?> FindByIdempotencyKeyAsync(
        TenantId tenant, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select id, kind, origin, request_hash from campaigns.campaigns where tenant_id = $1 and idempotency_key = $2");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = idempotencyKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (new CampaignId(reader.GetGuid(0)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3))
            : null;
    }

    /// <summary>Records the hash of the request that made <paramref name="id"/> (a bulk send under an idempotency key), in the caller's transaction.</summary>
    public static async Task SetRequestHashAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CampaignId id, byte[] requestHash, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("update campaigns.campaigns set request_hash = $2 where id = $1", connection, transaction);
        command.Parameters.Add(new() { Value = id.Value });
        command.Parameters.Add(new() { Value = requestHash });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The tenant's campaign <paramref name="id"/>, as the campaign endpoints read and change it; null when there is none.
    /// Never a direct send (kind <c>direct</c>): its id is a message id, read at <c>GET /api/messages/{id}</c> (scope
    /// <c>messages</c>), and the campaign endpoints (scope <c>campaigns</c>) must neither show nor pause, cancel or delete it.
    /// </summary>
    public async Task<Campaign?> FindAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select {Columns} from campaigns.campaigns where tenant_id = $1 and id = $2 and kind <> 'direct'");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = id.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Newest first, of one status or all; <paramref name="after"/> is the id of the last campaign of the previous page.</summary>
    public async Task<IReadOnlyList<Campaign>> ListAsync(
        TenantId tenant, CampaignStatus? status, int limit, CampaignId? after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select {Columns} from campaigns.campaigns
             where tenant_id = $1 and kind = 'campaign' -- a campaign's test sends (kind 'test') are shown with it, not listed
               and ($2::text is null or status = $2)
               and ($3::uuid is null or (created_at, id) < (select created_at, id from campaigns.campaigns where id = $3 and tenant_id = $1))
             order by created_at desc, id desc
             limit $4
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = status is { } s ? StatusText.Name(s) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = after is { } a ? a.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var campaigns = new List<Campaign>();
        while (await reader.ReadAsync(cancellationToken))
        {
            campaigns.Add(Read(reader));
        }

        return campaigns;
    }

    /// <summary>
    /// Saves a draft's fields; false when the campaign is no longer a draft. The last prepare's error and result are
    /// cleared: they were about the campaign before this change.
    /// </summary>
    public async Task<bool> UpdateDraftAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(
            """
            update campaigns.campaigns
               set name = $3, contact_list_id = $4, template = $5, media = $6, window_starts = $7,
                   window_ends = $8, window_days = $9, window_time_zone = $10, start_at = $11, max_identical = $12,
                   prepare_error = null, prepare_result = null, recipients_total = 0, recipients_rendered = 0, updated_at = $13,
                   stop_on_reply = $14
             where id = $1 and tenant_id = $2 and status = 'draft'
            """, connection, transaction))
        {
            AddDraftParameters(command, campaign);
            command.Parameters.Add(new() { Value = campaign.UpdatedAt });
            command.Parameters.Add(new() { Value = campaign.StopOnReply });
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false;
            }
        }

        await ReplaceSendersAsync(connection, transaction, campaign, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes the campaign's senders in their order. Only the tenant's senders are written: one deleted since the draft
    /// was checked is left out (the foreign key would refuse it anyway).
    /// </summary>
    private static async Task ReplaceSendersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Campaign campaign, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            with gone as (delete from campaigns.campaign_senders where campaign_id = $1 and sender_id <> all($3))
            insert into campaigns.campaign_senders (campaign_id, sender_id, position)
            select $1, s.id, (u.ord - 1)::smallint
              from unnest($3::uuid[]) with ordinality as u (sender_id, ord)
              join campaigns.senders s on s.id = u.sender_id and s.tenant_id = $2
            on conflict (campaign_id, sender_id) do update set position = excluded.position
            """, connection, transaction);
        command.Parameters.Add(new() { Value = campaign.Id.Value });
        command.Parameters.Add(new() { Value = campaign.Tenant.Value });
        command.Parameters.Add(new() { Value = campaign.Senders.Select(s => s.Value).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes a draft or ready campaign with its messages; false when there is none in either state.</summary>
    public async Task<bool> DeleteAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "delete from campaigns.campaigns where tenant_id = $1 and id = $2 and status in ('draft', 'ready')");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = id.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Moves a draft to preparing with <paramref name="total"/> recipients to render, holding its list's row (FOR SHARE)
    /// while it does, so that deleting the list (which locks that row first, then looks for campaigns using it) either
    /// sees this campaign preparing and is refused, or has deleted the list already, and then nothing moves. A fresh
    /// request starts a fresh count of attempts.
    /// </summary>
    public async Task<PrepareStart> BeginPreparingAsync(
        TenantId tenant, CampaignId id, ContactListId list, int total, Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var start = await MoveToPreparingAsync(connection, transaction, tenant, id, list, total, now, cancellationToken);
        if (start == PrepareStart.Started)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return start;
    }

    /// <summary>
    /// <see cref="BeginPreparingAsync"/> in the caller's transaction, which the caller commits (a bulk send moves the
    /// draft it has just inserted).
    /// </summary>
    public static async Task<PrepareStart> MoveToPreparingAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        TenantId tenant,
        CampaignId id,
        ContactListId list,
        int total,
        Instant now,
        CancellationToken cancellationToken)
    {
        await using (var lockList = new NpgsqlCommand(
            "select 1 from campaigns.contact_lists where tenant_id = $1 and id = $2 for share", connection, transaction))
        {
            lockList.Parameters.Add(new() { Value = tenant.Value });
            lockList.Parameters.Add(new() { Value = list.Value });
            if (await lockList.ExecuteScalarAsync(cancellationToken) is null)
            {
                return PrepareStart.ListGone;
            }
        }

        await using (var command = new NpgsqlCommand(
            """
            update campaigns.campaigns
               set status = 'preparing', recipients_total = $4, recipients_rendered = 0, prepare_attempts = 0,
                   prepare_requested_at = $5, prepare_started_at = null, prepare_error = null, prepare_result = null, prepare_job_id = null,
                   updated_at = $5
             where tenant_id = $1 and id = $2 and status = 'draft' and contact_list_id = $3
            """, connection, transaction))
        {
            command.Parameters.Add(new() { Value = tenant.Value });
            command.Parameters.Add(new() { Value = id.Value });
            command.Parameters.Add(new() { Value = list.Value });
            command.Parameters.Add(new() { Value = total });
            command.Parameters.Add(new() { Value = now });
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return PrepareStart.Moved;
            }
        }

        return PrepareStart.Started;
    }

    /// <summary>
    /// Campaigns preparing that the sweeper must look at, oldest request first: those with a prepare job (is it still
    /// live?) and those without one asked for before <paramref name="requestedBefore"/> (the request's enqueue never
    /// happened: its process died between the status write and the enqueue).
    /// </summary>
    public async Task<IReadOnlyList<(CampaignId Id, string? JobId)>> PreparingJobsAsync(
        Instant requestedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select id, prepare_job_id from campaigns.campaigns
             where status = 'preparing' and (prepare_job_id is not null or prepare_requested_at < $1)
             order by prepare_requested_at, id
             limit $2
            """);
        command.Parameters.Add(new() { Value = requestedBefore });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var campaigns = new List<(CampaignId, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            campaigns.Add((new CampaignId(reader.GetGuid(0)), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return campaigns;
    }

    /// <summary>
    /// Records <paramref name="jobId"/> as the campaign's prepare job if its job is still <paramref name="expected"/>
    /// (compare and swap): of two that enqueue at once, one wins and the other knows its job is a duplicate.
    /// </summary>
    public async Task<bool> SetPrepareJobAsync(CampaignId id, string? expected, string jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "update campaigns.campaigns set prepare_job_id = $3 where id = $1 and prepare_job_id is not distinct from $2");
        command.Parameters.Add(new() { Value = id.Value });
        command.Parameters.Add(new() { Value = (object?)expected ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = jobId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Takes a preparing or ready campaign back to draft, guarded by the status it was read in (<paramref name="from"/>),
    /// and deletes its messages (none was sent from either state). The progress and the last prepare's result and error
    /// go with them. A running prepare sees the status change and stores nothing. Null when the campaign is no longer in
    /// <paramref name="from"/>; otherwise the number of messages deleted.
    /// </summary>
    public async Task<int?> BackToDraftAsync(TenantId tenant, CampaignId id, CampaignStatus from, Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand(
            """
            update campaigns.campaigns
               set status = 'draft', recipients_total = 0, recipients_rendered = 0, prepare_attempts = 0,
                   prepare_result = null, prepare_error = null, prepared_at = null, updated_at = $4
             where tenant_id = $1 and id = $2 and status = $3
            """, connection, transaction))
        {
            update.Parameters.Add(new() { Value = tenant.Value });
            update.Parameters.Add(new() { Value = id.Value });
            update.Parameters.Add(new() { Value = StatusText.Name(from) });
            update.Parameters.Add(new() { Value = now });
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return null;
            }
        }

        // A second statement, so that it sees the messages of a prepare that committed while the update waited for the row.
        int deleted;
        await using (var delete = new NpgsqlCommand("delete from campaigns.messages where campaign_id = $1", connection, transaction))
        {
            delete.Parameters.Add(new() { Value = id.Value });
            deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>
    /// Moves the campaign from <paramref name="from"/> to <paramref name="to"/>, guarded by <paramref name="from"/> in SQL;
    /// false when it is no longer in <paramref name="from"/>. <c>started_at</c> is set the first time it runs,
    /// <c>completed_at</c> when it ends. Cancelling cancels its pending and queued messages in the same transaction, in
    /// one statement; a message being sent stays <c>sending</c> for dispatch to finish or reconcile. Moving into a live
    /// status locks the campaign's senders' rows (FOR SHARE) first.
    /// </summary>
    public async Task<bool> MoveAsync(
        TenantId tenant, CampaignId id, CampaignStatus from, CampaignStatus to, Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (CampaignLifecycle.IsLive(to))
        {
            // Deleting a sender locks its row and then looks for live campaigns using it (SenderStore.DeleteAsync): holding
            // the rows here means that delete either sees this campaign live, or has removed the sender already.
            await using var lockSenders = new NpgsqlCommand(
                """
                select 1 from campaigns.senders s join campaigns.campaign_senders cs on cs.sender_id = s.id
                 where cs.campaign_id = $1 order by s.id for share of s
                """, connection, transaction);
            lockSenders.Parameters.Add(new() { Value = id.Value });
            await lockSenders.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var update = new NpgsqlCommand(
            """
            update campaigns.campaigns
               set status = $4,
                   started_at = case when $4 = 'running' then coalesce(started_at, $5) else started_at end,
                   completed_at = case when $4 in ('completed', 'cancelled') then $5 else completed_at end,
                   updated_at = $5
             where tenant_id = $1 and id = $2 and status = $3
            """, connection, transaction))
        {
            update.Parameters.Add(new() { Value = tenant.Value });
            update.Parameters.Add(new() { Value = id.Value });
            update.Parameters.Add(new() { Value = StatusText.Name(from) });
            update.Parameters.Add(new() { Value = StatusText.Name(to) });
            update.Parameters.Add(new() { Value = now });
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false;
            }
        }

        if (to == CampaignStatus.Cancelled)
        {
            await using var cancel = new NpgsqlCommand(
                "update campaigns.messages set status = 'cancelled' where campaign_id = $1 and status in ('pending', 'queued')",
                connection,
                transaction);
            cancel.Parameters.Add(new() { Value = id.Value });
            await cancel.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Scheduled campaigns whose start has come (<c>start_at</c> at or before <paramref name="now"/>) become running, each
    /// guarded by its status; returns the ids moved. Safe to run on any number of servers at once: a campaign moves once.
    /// </summary>
    /// <param name="except">Due campaigns that must wait (their media failed its pre-flight).</param>
    public async Task<IReadOnlyList<CampaignId>> BeginDueAsync(Instant now, IReadOnlyCollection<CampaignId> except, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(except);
        await using var command = dataSource.CreateCommand(
            """
            update campaigns.campaigns
               set status = 'running', started_at = coalesce(started_at, $1), updated_at = $1
             where status = 'scheduled' and start_at <= $1 and id <> all($2)
            returning id
            """);
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = except.Select(c => c.Value).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<CampaignId>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(new CampaignId(reader.GetGuid(0)));
        }

        return ids;
    }

    /// <summary>The campaign's senders in order, each with why it cannot send now (null: it can, <see cref="SenderUsability"/>).</summary>
    public async Task<IReadOnlyList<(Guid Id, string? Refusal)>> SenderUsabilityAsync(CampaignId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select s.id, s.state, s.state_reason, s.paused_reason, s.phone
              from campaigns.campaign_senders cs join campaigns.senders s on s.id = cs.sender_id
             where cs.campaign_id = $1
             order by cs.position
            """);
        command.Parameters.Add(new() { Value = id.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadUsabilityAsync(reader, cancellationToken);
    }

    /// <summary>
    /// Whether each of the tenant's senders <paramref name="ids"/> can send now (null: every sender of the tenant, oldest
    /// first), with why not, as <see cref="SenderUsabilityAsync(CampaignId, CancellationToken)"/> says it for a campaign's.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, string? Refusal)>> SenderUsabilityAsync(
        TenantId tenant, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select s.id, s.state, s.state_reason, s.paused_reason, s.phone
              from campaigns.senders s
             where s.tenant_id = $1 and ($2::uuid[] is null or s.id = any($2))
             order by s.created_at, s.id
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = ids is null ? DBNull.Value : ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadUsabilityAsync(reader, cancellationToken);
    }

    private static async Task<IReadOnlyList<(Guid Id, string? Refusal)>> ReadUsabilityAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var senders = new List<(Guid, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            senders.Add((reader.GetGuid(0), SenderUsability.Refusal(
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4))));
        }

        return senders;
    }

    /// <summary>Which of <paramref name="ids"/> are the tenant's senders.</summary>
    public async Task<IReadOnlySet<Guid>> KnownSendersAsync(TenantId tenant, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return new HashSet<Guid>();
        }

        await using var command = dataSource.CreateCommand("select id from campaigns.senders where tenant_id = $1 and id = any($2)");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = ids.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var known = new HashSet<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            known.Add(reader.GetGuid(0));
        }

        return known;
    }

    /// <summary>A campaign's messages in phone order, of one status or all; <paramref name="after"/> is the last phone of the previous page.</summary>
    public async Task<IReadOnlyList<CampaignMessage>> MessagesAsync(
        CampaignId campaign, MessageStatus? status, int limit, string? after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select {Reports.MessageRows.Columns}
              from campaigns.messages m
             where m.campaign_id = $1 and ($2::text is null or m.status = $2) and ($3::text is null or m.phone > $3)
             order by m.phone
             limit $4
            """);
        command.Parameters.Add(new() { Value = campaign.Value });
        command.Parameters.Add(new() { Value = status is { } s ? StatusText.Name(s) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<CampaignMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(Reports.MessageRows.Read(reader));
        }

        return messages;
    }

    // $1 … $12: the fields a draft carries (its senders are written to campaign_senders).
    private static void AddDraftParameters(NpgsqlCommand command, Campaign campaign)
    {
        command.Parameters.Add(new() { Value = campaign.Id.Value });
        command.Parameters.Add(new() { Value = campaign.Tenant.Value });
        command.Parameters.Add(new() { Value = campaign.Name });
        command.Parameters.Add(new() { Value = campaign.ContactList is { } list ? list.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = (object?)campaign.Template ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new()
        {
            Value = campaign.Media is null ? DBNull.Value : JsonSerializer.Serialize(campaign.Media, Json),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new() { Value = campaign.SendWindow.Ranges.Select(r => r.Start).ToArray() });
        command.Parameters.Add(new() { Value = campaign.SendWindow.Ranges.Select(r => r.End).ToArray() });
        command.Parameters.Add(new() { Value = campaign.SendWindow.Days.Select(d => (short)d).ToArray() });
        command.Parameters.Add(new() { Value = campaign.SendWindow.TimeZoneId });
        command.Parameters.Add(new() { Value = campaign.StartAt is { } start ? start : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = campaign.MaxIdentical });
    }

    /// <summary>A campaign's stored window from its columns at <paramref name="ordinal"/>: starts, ends, days, time zone.</summary>
    internal static SendWindow ReadWindow(NpgsqlDataReader reader, int ordinal)
    {
        var ranges = reader.GetFieldValue<LocalTime[]>(ordinal).Zip(reader.GetFieldValue<LocalTime[]>(ordinal + 1), (start, end) => new SendWindowRange(start, end));
        var window = SendWindow.Create(ranges, reader.GetFieldValue<short[]>(ordinal + 2).Select(d => (IsoDayOfWeek)d), reader.GetString(ordinal + 3));

        // Stored windows were checked when written; a stored one that no longer reads is broken data.
        return window.IsSuccess ? window.Value : throw new InvalidOperationException($"Stored send window is invalid: {window.Error.Message}");
    }

    private static Campaign Read(NpgsqlDataReader reader)
    {
        return new Campaign
        {
            Id = new CampaignId(reader.GetGuid(0)),
            Tenant = new TenantId(reader.GetGuid(1)),
            Name = reader.GetString(2),
            ContactList = reader.IsDBNull(3) ? null : new ContactListId(reader.GetGuid(3)),
            Template = reader.IsDBNull(4) ? null : reader.GetString(4),
            Media = reader.IsDBNull(5) ? null : JsonSerializer.Deserialize<MediaDraft>(reader.GetString(5), Json),
            Senders = reader.GetFieldValue<Guid[]>(6).Select(g => new SenderId(g)).ToArray(),
            SendWindow = ReadWindow(reader, 7),
            StartAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<Instant>(11),
            MaxIdentical = reader.GetInt32(12),
            Status = StatusText.ParseCampaignStatus(reader.GetString(13)),
            Progress = new CampaignProgress(reader.GetInt32(14), reader.GetInt32(15)),
            PrepareResult = reader.IsDBNull(16) ? null : JsonSerializer.Deserialize<PrepareResult>(reader.GetString(16), Json),
            PrepareError = reader.IsDBNull(17) ? null : JsonSerializer.Deserialize<PrepareError>(reader.GetString(17), Json),
            CreatedAt = reader.GetFieldValue<Instant>(18),
            UpdatedAt = reader.GetFieldValue<Instant>(19),
            StartedAt = reader.IsDBNull(20) ? null : reader.GetFieldValue<Instant>(20),
            CompletedAt = reader.IsDBNull(21) ? null : reader.GetFieldValue<Instant>(21),
            StopOnReply = reader.GetBoolean(22),
            Origin = reader.IsDBNull(23) ? null : reader.GetString(23),
            Delay = reader.IsDBNull(24) ? null : Duration.FromMilliseconds(reader.GetInt32(24)),
        };
    }
}
