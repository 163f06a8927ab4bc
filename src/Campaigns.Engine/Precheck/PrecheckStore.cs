using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Gateway.Contract;
using Campaigns.Engine.Senders;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Precheck;

/// <summary>
/// The pre-check's statements. A queued message of a running campaign is <i>unchecked</i> while its <c>jid</c> is null
/// (the partial index <c>messages_unchecked</c>); dispatch claims only checked ones. A check settles it: on WhatsApp →
/// its <c>jid</c> is the gateway's; not on WhatsApp → <c>skipped</c> (<c>not_on_whatsapp</c>). Answers are kept per tenant
/// and phone in <c>number_checks</c> and trusted for <see cref="PrecheckOptions.CacheFor"/>. Every statement that settles
/// messages wakes their senders' numbers (<see cref="DispatchWake"/>) and completes campaigns left with nothing to send,
/// in its transaction.
/// </summary>
internal sealed class PrecheckStore(NpgsqlDataSource dataSource, IOptions<PrecheckOptions> options)
{
    /// <summary>What a skipped message says (the <c>skip_reason</c> a skipped message must have).</summary>
    public const string NotOnWhatsAppReason = "The pre-check found that this number has no WhatsApp account.";

    /// <summary>The settlement of message <c>m</c> by a check <c>src</c> (<c>on_whatsapp</c>, <c>jid</c>).</summary>
    private const string Settle =
        $"""
        set jid = case when src.on_whatsapp then coalesce(src.jid, ltrim(m.phone, '+') || '@s.whatsapp.net') end,
            status = case when src.on_whatsapp then 'queued' else 'skipped' end,
            skip_code = case when src.on_whatsapp then m.skip_code else 'not_on_whatsapp' end,
            skip_reason = case when src.on_whatsapp then m.skip_reason else '{NotOnWhatsAppReason}' end
        """;

    /// <summary>The settled messages (CTE <c>settled</c>) counted by campaign, sender and outcome.</summary>
    private const string Summary =
        "select 'hit', campaign_id, sender_id, status, count(*)::int, null::text from settled group by campaign_id, sender_id, status";

    /// <summary>The cache, for every unchecked message of the given running campaigns: one statement.</summary>
    private const string FromCache =
        $"""
        with settled as (
            update campaigns.messages m {Settle}
            from campaigns.campaigns k, campaigns.number_checks src
            where k.id = any($1) and k.status = 'running'
              and m.campaign_id = k.id and m.status = 'queued' and m.jid is null
              and src.tenant_id = k.tenant_id and src.phone = m.phone and src.checked_at > now() - $2
            returning m.campaign_id, m.sender_id, m.status)
        {Summary}
        """;

    /// <summary>
    /// Claims up to <c>$1</c> linked numbers whose lookup is due and whose usable sender (not backing off) has unchecked
    /// messages in a running campaign, the one served longest ago first (numbers take turns, whatever their tenant), and
    /// holds each for <c>$2</c> (<c>FOR UPDATE SKIP LOCKED</c>: two runs never call one number's lookups at once).
    /// </summary>
    private const string Claim =
        $"""
        with due as (
            select n.phone
            from campaigns.numbers n
            join campaigns.senders s on s.phone = n.phone
            where (n.lookup_next_at is null or n.lookup_next_at <= now())
              and {SenderUsability.Sql} and (s.backoff_until is null or s.backoff_until <= now())
              and exists (select 1
                          from campaigns.campaign_senders cs
                          join campaigns.campaigns k on k.id = cs.campaign_id and k.status = 'running'
                          where cs.sender_id = s.id
                            and exists (select 1 from campaigns.messages m
                                        where m.campaign_id = cs.campaign_id and m.sender_id = s.id
                                          and m.status = 'queued' and m.jid is null))
            order by n.lookup_next_at nulls first, n.phone
            limit $1
            for update of n skip locked)
        update campaigns.numbers n set lookup_next_at = now() + $2
        from due join campaigns.senders s on s.phone = due.phone
        where n.phone = due.phone
        returning n.phone, s.id, s.tenant_id, s.gateway_url, s.instance, s.instance_key_protected, n.lookup_next_at
        """;

    /// <summary>
    /// For each sender of <c>$1</c>: up to <c>$2</c> unchecked messages per running campaign; those with a fresh check
    /// are settled from the cache at once, and the others (distinct phones, the campaigns taking turns) are answered as
    /// the numbers its lookup asks, at most <c>$2</c>.
    /// </summary>
    private const string Pick =
        $"""
        with cand as materialized (
            select s.sender_id, k.tenant_id, cs.position, m.campaign_id, m.phone,
                   row_number() over (partition by s.sender_id, m.campaign_id order by m.phone) as rn
            from unnest($1::uuid[]) as s (sender_id)
            join campaigns.campaign_senders cs on cs.sender_id = s.sender_id
            join campaigns.campaigns k on k.id = cs.campaign_id and k.status = 'running'
            cross join lateral (
                select m.campaign_id, m.phone
                from campaigns.messages m
                where m.campaign_id = cs.campaign_id and m.sender_id = s.sender_id and m.status = 'queued' and m.jid is null
                limit $2) m
        ),
        src as materialized (
            select c.campaign_id, c.phone, nc.on_whatsapp, nc.jid
            from cand c
            join campaigns.number_checks nc on nc.tenant_id = c.tenant_id and nc.phone = c.phone and nc.checked_at > now() - $3
        ),
        settled as (
            update campaigns.messages m {Settle}
            from src
            where m.campaign_id = src.campaign_id and m.phone = src.phone and m.status = 'queued' and m.jid is null
            returning m.campaign_id, m.sender_id, m.status
        ),
        miss as (
            select c.sender_id, c.phone, min(c.rn) as rn, min(c.position) as position
            from cand c
            where not exists (select 1 from src where src.campaign_id = c.campaign_id and src.phone = c.phone)
            group by c.sender_id, c.phone
        )
        {Summary}
        union all
        select 'miss', null, x.sender_id, null, 0, x.phone
        from (select miss.*, row_number() over (partition by miss.sender_id order by miss.rn, miss.position, miss.phone) as k from miss) x
        where x.k <= $2
        """;

    /// <summary>
    /// A lookup's answers (<c>$2</c> phones, <c>$3</c> on WhatsApp, <c>$4</c> jids) for tenant <c>$1</c>: kept in the
    /// cache and applied to the unchecked messages of every running campaign of the tenant with those phones.
    /// </summary>
    private const string Apply =
        $"""
        with src as (
            select * from unnest($2::text[], $3::bool[], $4::text[]) as a (phone, on_whatsapp, jid)
        ),
        cached as (
            insert into campaigns.number_checks as nc (tenant_id, phone, on_whatsapp, jid, checked_at)
            select $1, src.phone, src.on_whatsapp, src.jid, now() from src
            on conflict (tenant_id, phone) do update
                set on_whatsapp = excluded.on_whatsapp, jid = excluded.jid, checked_at = excluded.checked_at
        ),
        settled as (
            update campaigns.messages m {Settle}
            from src, campaigns.campaigns k
            where k.tenant_id = $1 and k.status = 'running'
              and m.campaign_id = k.id and m.phone = src.phone and m.status = 'queued' and m.jid is null
            returning m.campaign_id, m.sender_id, m.status
        )
        {Summary}
        """;

    /// <summary>The number's next lookup time, only while this run still holds its lease.</summary>
    private const string Reschedule =
        "update campaigns.numbers set lookup_next_at = now() + $3 where phone = $1 and lookup_next_at = $2";

    private readonly PrecheckOptions _options = options.Value;

    /// <summary>Settles the unchecked messages of <paramref name="campaigns"/> (running ones) that the cache answers.</summary>
    public async Task<PrecheckSettled> FromCacheAsync(IReadOnlyCollection<Guid> campaigns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(FromCache, connection, transaction);
        command.Parameters.Add(new() { Value = campaigns.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.CacheFor), NpgsqlDbType = NpgsqlDbType.Interval });
        var (settled, _) = await ReadAsync(command, cancellationToken);
        await FollowAsync(connection, transaction, settled, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return settled;
    }

    /// <summary>Claims up to <paramref name="count"/> numbers whose lookup is due (see <see cref="Claim"/>).</summary>
    public async Task<IReadOnlyList<LookupNumber>> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.Add(new() { Value = count });
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.CallLease), NpgsqlDbType = NpgsqlDbType.Interval });
        var numbers = new List<LookupNumber>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            numbers.Add(new LookupNumber(
                reader.GetString(0), new SenderId(reader.GetGuid(1)), new TenantId(reader.GetGuid(2)), new Uri(reader.GetString(3)),
                reader.GetString(4), reader.GetString(5), reader.GetFieldValue<Instant>(6)));
        }

        return numbers;
    }

    /// <summary>
    /// Settles from the cache what it can of the senders' next unchecked messages, and answers, per sender, the phones
    /// (E.164) its lookup must ask (at most <see cref="PrecheckOptions.BatchSize"/>).
    /// </summary>
    public async Task<(PrecheckSettled FromCache, IReadOnlyDictionary<Guid, List<string>> Ask)> PickAsync(
        IReadOnlyCollection<Guid> senders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(senders);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Pick, connection, transaction);
        command.Parameters.Add(new() { Value = senders.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = _options.BatchSize });
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.CacheFor), NpgsqlDbType = NpgsqlDbType.Interval });
        var (settled, ask) = await ReadAsync(command, cancellationToken);
        await FollowAsync(connection, transaction, settled, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (settled, ask);
    }

    /// <summary>
    /// Keeps a lookup's answers (phone E.164 → answer) for the number's tenant, applies them to its running campaigns,
    /// and sets the number's next lookup <paramref name="next"/> from now, in one transaction.
    /// </summary>
    public async Task<PrecheckSettled> ApplyAsync(
        LookupNumber number, IReadOnlyList<(string Phone, WhatsAppNumber Answer)> answers, Duration next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(answers);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        PrecheckSettled settled;
        await using (var command = new NpgsqlCommand(Apply, connection, transaction))
        {
            command.Parameters.Add(new() { Value = number.Tenant.Value });
            command.Parameters.Add(new() { Value = answers.Select(a => a.Phone).ToArray() });
            command.Parameters.Add(new() { Value = answers.Select(a => a.Answer.Exists).ToArray() });
            command.Parameters.Add(new() { Value = answers.Select(a => string.IsNullOrEmpty(a.Answer.Jid) ? null : a.Answer.Jid).ToArray() });
            (settled, _) = await ReadAsync(command, cancellationToken);
        }

        await RescheduleAsync(connection, transaction, number, next, cancellationToken);
        await FollowAsync(connection, transaction, settled, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return settled;
    }

    /// <summary>Sets the number's next lookup <paramref name="after"/> from now (nothing asked, or the call failed).</summary>
    public async Task RescheduleAsync(LookupNumber number, Duration after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await RescheduleAsync(connection, null, number, after, cancellationToken);
    }

    private static async Task RescheduleAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, LookupNumber number, Duration after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Reschedule, connection, transaction);
        command.Parameters.Add(new() { Value = number.Phone });
        command.Parameters.Add(new() { Value = number.Lease });
        command.Parameters.Add(new() { Value = after, NpgsqlDbType = NpgsqlDbType.Interval });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads a statement's rows: settled messages counted (<c>hit</c>) and phones to ask per sender (<c>miss</c>).</summary>
    private static async Task<(PrecheckSettled Settled, Dictionary<Guid, List<string>> Ask)> ReadAsync(
        NpgsqlCommand command, CancellationToken cancellationToken)
    {
        int onWhatsApp = 0, notOnWhatsApp = 0;
        var senders = new HashSet<Guid>();
        var campaigns = new HashSet<Guid>();
        var ask = new Dictionary<Guid, List<string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sender = reader.GetGuid(2);
            if (reader.GetString(0) == "miss")
            {
                if (!ask.TryGetValue(sender, out var phones))
                {
                    ask[sender] = phones = [];
                }

                phones.Add(reader.GetString(5));
                continue;
            }

            if (reader.GetString(3) == "queued")
            {
                onWhatsApp += reader.GetInt32(4);
                senders.Add(sender);
            }
            else
            {
                notOnWhatsApp += reader.GetInt32(4);
                campaigns.Add(reader.GetGuid(1));
            }
        }

        return (new PrecheckSettled(onWhatsApp, notOnWhatsApp, senders.ToArray(), campaigns.ToArray()), ask);
    }

    /// <summary>Wakes the senders of messages that got their jid; completes campaigns whose last messages were skipped.</summary>
    private static async Task FollowAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PrecheckSettled settled, CancellationToken cancellationToken)
    {
        await DispatchWake.WakeSendersAsync(connection, transaction, settled.Senders, cancellationToken);
        if (settled.Campaigns.Count > 0)
        {
            await using var complete = new NpgsqlCommand(DispatchCompleter.CompleteCampaigns, connection, transaction);
            complete.Parameters.Add(new() { Value = settled.Campaigns.ToArray() });
            await complete.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
