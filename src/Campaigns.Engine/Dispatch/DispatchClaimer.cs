using System.Text.Json;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Pacing;
using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Templates;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Senders;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// The claim: in one transaction, with no gateway call inside, it locks up to <c>demand</c> due numbers
/// (<c>next_send_at &lt;= now()</c>, oldest first, <c>FOR UPDATE SKIP LOCKED</c>: other claimers take other numbers),
/// decides each number's pacing in C# (<c>Pacing.Decide</c> on the sender's current settings), picks one
/// message per sendable number in one statement and moves it <c>queued → sending</c> while it advances the number
/// (its <c>next_send_at</c> becomes the lease's end, so no second send of it can be claimed while this one is in flight),
/// the campaign's turn on the sender and the recipient's last campaign message.
/// </summary>
/// <remarks>
/// Picking, per number: a <c>queued</c>, pre-checked (<c>jid</c> set) message of its sender in a <c>running</c> campaign:
/// a direct send's (kind 'direct', one message each) first, oldest first, else from the campaign of that
/// sender served longest ago (<c>campaign_senders.last_claimed_at</c>: one budget, fairly interleaved), whose recipient
/// had no campaign message from the tenant within <see cref="DispatchOptions.RecipientPeriod"/> and whose campaign's
/// send window is open in the recipient's zone (<c>messages.time_zone</c>, else the sender's). The recipients upsert is
/// the arbiter of the period: its <c>ON CONFLICT … WHERE</c> reads the latest committed row, so two claimers (or two
/// numbers in one claim) cannot both take a recipient; a pick that loses stays queued. Test and direct sends are neither
/// bound by the period nor counted in it; a direct send still records its sender as the recipient's sticky one. A
/// campaign with a delay (<c>min_gap_ms</c>, a bulk send's) is not picked from a sender before its last claim from that
/// sender plus the delay.
/// Numbers: a claimed one holds the lease; one whose pick lost looks again at once; one with queued messages that may
/// not go now (windows, periods, delays) looks again after <see cref="DispatchOptions.BlockedRecheck"/>, or at the end of
/// the delay or the next opening of the windows it waits for when sooner; one with nothing to
/// send is parked (<c>null</c>, woken by <see cref="DispatchWake"/>); a capped one waits for its next local midnight
/// plus a random spread; an unusable sender's (paused, not open, gone) is parked; one backing off waits for it.
/// A sender under a reach-out timelock (<c>restricted_until</c> ahead) takes only messages to recipients it already
/// contacted (<c>recipients.contacted_at</c>, reset when another sender takes the recipient); with only first contacts
/// left it looks again after the recheck or at the lock's end, whichever is sooner.
/// </remarks>
internal sealed class DispatchClaimer(
    NpgsqlDataSource dataSource,
    IOptions<DispatchOptions> options,
    IRandomSource random,
    TimeProvider time,
    DispatchMetrics metrics,
    IOptions<PacingOptions> pacingOptions)
{
    /// <summary>
    /// Whether the campaign <c>k</c>'s window is open now for message <c>m</c> of a number of zone <c>c.sender_zone</c>:
    /// the day and time of <c>now()</c> in the window's zone (the recipient's own when the campaign names none) lie in
    /// any of its ranges (<c>window_starts[i]</c>–<c>window_ends[i]</c>, as <c>SendWindow.IsOpen</c> reads them); a range
    /// whose end is not after its start runs through midnight (its morning part belongs to the day before).
    /// </summary>
    internal const string WindowOpen =
        """
        exists (select 1 from unnest(k.window_starts, k.window_ends) as wr (start_at, end_at)
                where case when wr.start_at < wr.end_at
                      then extract(isodow from w.local)::smallint = any(k.window_days)
                           and w.local::time >= wr.start_at and w.local::time < wr.end_at
                      else (extract(isodow from w.local)::smallint = any(k.window_days) and w.local::time >= wr.start_at)
                           or (extract(isodow from w.local - interval '1 day')::smallint = any(k.window_days) and w.local::time < wr.end_at)
                 end)
        """;

    private const string LockDue =
        $"""
        select n.phone, n.next_send_at, n.last_sent_at, n.day, n.sent_today, n.cap_today,
               s.id, s.tenant_id, s.gateway_url, s.instance, s.instance_key_protected, s.time_zone, s.activated_on,
               s.daily_cap_min, s.daily_cap_max, s.min_interval_ms, s.jitter_min_ms, s.jitter_max_ms,
               {SenderUsability.Sql}, s.paused_reason, s.backoff_until, now(),
               n.recent_sends, n.warmup_from, s.pacing_profile, s.max_per_minute, s.max_per_hour, s.reconnected_at, -- pacing (issue 9)
               s.typing as typing,  -- read by name (typing simulation)
               s.restricted_until as restricted_until -- reach-out timelock: first contacts wait while it lies ahead (by name)
        from campaigns.numbers n
        left join campaigns.senders s on s.phone = n.phone
        where n.next_send_at <= now()
        order by n.next_send_at
        limit $1
        for update of n skip locked
        """;

    private const string Reschedule =
        """
        with waiting as (
            update campaigns.numbers n set next_send_at = u.at
            from unnest($1::text[], $2::timestamptz[]) as u (phone, at)
            where n.phone = u.phone)
        update campaigns.numbers set next_send_at = null where phone = any($3)
        """;

    /// <summary>
    /// The windows that keep blocked numbers (<c>next_send_at</c> after now and at most <c>now() + BlockedRecheck</c>,
    /// set by <see cref="Pick"/>: the recheck, a timelock's or a delay's end) waiting: per number, each running campaign
    /// of its sender with queued messages and no delay holding it (its end is already the number's time, if sooner), and
    /// for a window in the recipient's zone the distinct zones of those messages.
    /// </summary>
    private const string BlockedWindows =
        $"""
        select c.number, k.window_starts, k.window_ends, k.window_days, k.window_time_zone,
               case when k.window_time_zone = 'recipient'
                    then array(select distinct coalesce(m.time_zone, c.sender_zone) from campaigns.messages m
                               where m.campaign_id = k.id and m.sender_id = c.sender_id and m.status = 'queued')
                    else array[c.sender_zone] end,
               n.next_send_at
        from unnest($1::text[], $2::uuid[], $3::text[]) as c (number, sender_id, sender_zone)
        join campaigns.numbers n on n.phone = c.number and n.next_send_at > now() and n.next_send_at <= now() + $4
        join campaigns.campaign_senders cs on cs.sender_id = c.sender_id and cs.running
        join campaigns.campaigns k on k.id = cs.campaign_id and k.status = 'running'
        where {GateOpen} and exists (select 1 from campaigns.messages m where m.campaign_id = k.id and m.sender_id = c.sender_id and m.status = 'queued')
        """;

    /// <summary>
    /// When a bulk send's delay ends on a sender: <c>campaign_senders cs</c>'s last claim plus the campaign <c>k</c>'s
    /// <c>min_gap_ms</c> (null for a campaign without one, or not claimed from that sender yet).
    /// </summary>
    private const string GateEnd = "cs.last_claimed_at + k.min_gap_ms * interval '1 millisecond'";

    /// <summary>Whether campaign <c>k</c> may be claimed from the sender of <c>campaign_senders cs</c> now: its delay is over.</summary>
    private const string GateOpen = $"(k.min_gap_ms is null or cs.last_claimed_at is null or {GateEnd} <= now())";

    private const string Pick =
        $"""
        with cand as materialized (
            select * from unnest($1::text[], $2::uuid[], $3::text[], $4::date[], $5::int[], $6::int[], $11::date[])
                as c (number, sender_id, sender_zone, day, cap, sent_today, warmup_from)
        ),
        pick as materialized (
            select c.number, p.campaign_id, p.tenant_id, p.phone, p.media, p.kind, p.row_id
            from cand c
            cross join lateral (
                select k.campaign_id, k.tenant_id, m.phone, k.media, k.kind, m.row_id
                from (select cs.campaign_id, k.tenant_id, k.media, k.window_starts, k.window_ends, k.window_days, k.window_time_zone, k.kind
                      from campaigns.campaign_senders cs
                      join campaigns.campaigns k on k.id = cs.campaign_id and k.status = 'running'
                      where cs.sender_id = c.sender_id and cs.running -- its running campaigns only (index campaign_senders_running)
                        -- a bulk send's delay (min_gap_ms): at least that long between two of its claims from this sender
                        and {GateOpen}
                      -- direct sends first, oldest first; then the campaigns in turn, the one served longest ago first
                      order by k.kind <> 'direct', case when k.kind = 'direct' then k.created_at end, cs.last_claimed_at nulls first,
                               cs.position, cs.campaign_id) k
                cross join lateral (
                    select m.phone, m.ctid as row_id -- the locked row itself, for the update below
                    from campaigns.messages m
                    cross join lateral (
                        select now() at time zone (case when k.window_time_zone = 'recipient'
                                                        then coalesce(m.time_zone, c.sender_zone)
                                                        else k.window_time_zone end) as local) w
                    where m.campaign_id = k.campaign_id and m.sender_id = c.sender_id and m.status = 'queued'
                      and m.jid is not null -- pre-checked only (PrecheckJob): the send goes to the gateway's jid
                      -- a test send (kind 'test', see CampaignTests) or a direct send (kind 'direct') is not bound by the
                      -- recipient's period, nor counted in it
                      and (k.kind in ('test', 'direct') or not exists (select 1 from campaigns.recipients r
                                                          where r.tenant_id = k.tenant_id and r.phone = m.phone
                                                            and r.last_campaign_message_at > now() - $8))
                      and {WindowOpen}
                      -- A sender under a reach-out timelock ($12) sends only to recipients it already contacted.
                      and (c.sender_id <> all($12) or exists (select 1 from campaigns.recipients r
                                                              where r.tenant_id = k.tenant_id and r.phone = m.phone
                                                                and r.sender_id = c.sender_id and r.contacted_at is not null))
                    order by m.phone
                    limit 1
                    for update of m skip locked) m
                limit 1) p
        ),
        recipient as (
            -- A direct send records its sender (sticky) but no campaign message time: its row's period stays as it was.
            -- A campaign message and a direct send to one recipient in one claim: the campaign message's row goes in.
            insert into campaigns.recipients as r (tenant_id, phone, sender_id, last_campaign_message_at)
            select distinct on (p.tenant_id, p.phone) p.tenant_id, p.phone, c.sender_id, case when p.kind <> 'direct' then now() end
            from pick p join cand c on c.number = p.number
            where p.kind <> 'test'
            order by p.tenant_id, p.phone, p.kind = 'direct', p.number
            on conflict (tenant_id, phone) do update
                set sender_id = excluded.sender_id,
                    last_campaign_message_at = coalesce(excluded.last_campaign_message_at, r.last_campaign_message_at),
                    contacted_at = case when r.sender_id = excluded.sender_id then r.contacted_at end -- another sender: a first contact for it
                where excluded.last_campaign_message_at is null -- a direct send: not bound by the period
                   or r.last_campaign_message_at is null or r.last_campaign_message_at <= now() - $8
            returning r.tenant_id, r.phone, r.sender_id
        ),
        claimed as (
            update campaigns.messages m
            set status = 'sending', claimed_at = now(), claimed_by = $7, attempts = m.attempts + 1
            from pick p
            join cand c on c.number = p.number
            left join recipient r on r.tenant_id = p.tenant_id and r.phone = p.phone and r.sender_id = c.sender_id
            -- By the row the pick locked, alone (a TID lookup per pick): matched again by campaign and phone, the planner
            -- merged every queued message of a campaign shared by many senders against the picks (500,000 rows filtered
            -- for 100 picks of one campaign). The row cannot have moved since: the pick holds its lock.
            where m.ctid = p.row_id and m.status = 'queued'
              and (r.phone is not null or p.kind in ('test', 'direct'))
            returning m.campaign_id, m.phone, m.body, p.number, c.sender_id, p.media, m.jid, m.time_zone
        ),
        turn as (
            update campaigns.campaign_senders cs set last_claimed_at = now()
            from claimed x
            where cs.campaign_id = x.campaign_id and cs.sender_id = x.sender_id
        ),
        advanced as (
            update campaigns.numbers n set
                next_send_at = case
                    when x.number is not null then now() + $9
                    when p.number is not null then now()
                    when exists (select 1
                                 from campaigns.campaign_senders cs
                                 join campaigns.campaigns k on k.id = cs.campaign_id and k.status = 'running'
                                 join campaigns.messages m on m.campaign_id = cs.campaign_id and m.sender_id = c.sender_id
                                                          and m.status = 'queued'
                                                          and m.jid is not null -- unchecked: parked, the pre-check wakes it
                                 where cs.sender_id = c.sender_id and cs.running)
                         -- a restricted sender with only first contacts left looks again at the lock's end, and a
                         -- sender held by a bulk send's delay at the delay's end, if sooner (least ignores nulls)
                         then least(now() + $10,
                                    (select s.restricted_until from campaigns.senders s
                                      where s.id = c.sender_id and s.restricted_until > now()),
                                    (select min({GateEnd})
                                       from campaigns.campaign_senders cs
                                       join campaigns.campaigns k on k.id = cs.campaign_id and k.status = 'running'
                                      where cs.sender_id = c.sender_id and cs.running and not {GateOpen}
                                        and exists (select 1 from campaigns.messages m
                                                     where m.campaign_id = cs.campaign_id and m.sender_id = c.sender_id
                                                       and m.status = 'queued' and m.jid is not null)))
                    else null end,
                day = case when x.number is not null then c.day else n.day end,
                sent_today = case when x.number is not null then c.sent_today else n.sent_today end,
                cap_today = case when x.number is not null then c.cap else n.cap_today end,
                -- a send claimed after too long idle restarts the warm-up (Pacing.Decide said so: c.warmup_from)
                warmup_from = case when x.number is not null and c.warmup_from is not null then c.warmup_from else n.warmup_from end
            from cand c
            left join claimed x on x.number = c.number
            left join pick p on p.number = c.number
            where n.phone = c.number
        )
        select x.campaign_id, x.phone, x.body, x.number, x.media::text, now() + $9,
               -- the window and the zone it is read in, for the check again at the moment of sending
               k.window_starts, k.window_ends, k.window_days, k.window_time_zone, coalesce(x.time_zone, c.sender_zone),
               x.jid
        from claimed x
        join campaigns.campaigns k on k.id = x.campaign_id
        join cand c on c.number = x.number
        """;

    private readonly DispatchOptions _options = options.Value;
    private readonly Duration _idleRestart = Duration.FromTimeSpan(pacingOptions.Value.IdleRestart);

    /// <summary>Claims up to <paramref name="demand"/> due numbers and the one message each may send now.</summary>
    /// <param name="owner">Who claims (the loop's name), stored in <c>messages.claimed_by</c>.</param>
    public async Task<DispatchClaim> ClaimAsync(int demand, string owner, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(demand);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        var started = time.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var (due, now) = await LockDueAsync(connection, transaction, demand, cancellationToken);
        metrics.Due(due.Count);
        if (due.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return new DispatchClaim(now, started, [], 0);
        }

        var candidates = new List<(DueNumber Number, PacingDecision.Send Send)>();
        var waits = new List<(string Phone, Instant At)>();
        var parked = new List<string>();
        foreach (var number in due)
        {
            switch (Decide(number, now))
            {
                case PacingDecision.Send send:
                    candidates.Add((number, send));
                    break;
                case PacingDecision.Wait wait:
                    waits.Add((number.Phone, wait.Until));
                    break;
                default:
                    parked.Add(number.Phone);
                    break;
            }
        }

        if (waits.Count > 0 || parked.Count > 0)
        {
            await using var command = new NpgsqlCommand(Reschedule, connection, transaction);
            command.Parameters.Add(new() { Value = waits.Select(w => w.Phone).ToArray() });
            command.Parameters.Add(new() { Value = waits.Select(w => w.At).ToArray() });
            command.Parameters.Add(new() { Value = parked.ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var sends = candidates.Count == 0 ? [] : await PickAsync(connection, transaction, candidates, owner, now, cancellationToken);
        if (sends.Count < candidates.Count)
        {
            await SleepUntilOpeningAsync(connection, transaction, candidates, sends, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new DispatchClaim(now, started, sends, due.Count);
    }

    /// <summary>
    /// Send, wait (until when) or park (null) for one due number. A sender that cannot send parks its number (whoever
    /// makes it usable again wakes it); a back-off only delays it; otherwise the pacing rules decide, and a capped
    /// number's wait gets a random spread so that a zone's numbers do not all wake at midnight together.
    /// </summary>
    private PacingDecision? Decide(DueNumber number, Instant now)
    {
        if (number.Sender is not { IsUsable: true } sender)
        {
            return null;
        }

        if (sender.BackoffUntil is { } backoff && backoff > now)
        {
            return new PacingDecision.Wait(backoff, WaitReason.Gap);
        }

        var decision = Pacing.Decide(sender.Id, sender.Settings, sender.Pacing, number.Pacing, now, _idleRestart);
        if (decision is PacingDecision.Wait { Reason: WaitReason.DailyCap } capped)
        {
            var spread = Duration.FromTicks((long)(_options.MidnightSpread.Ticks * random.NextDouble()));
            return capped with { Until = capped.Until + spread };
        }

        return decision;
    }

    private static async Task<(List<DueNumber> Due, Instant Now)> LockDueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int demand, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LockDue, connection, transaction);
        command.Parameters.Add(new() { Value = demand });
        var due = new List<DueNumber>();
        Instant? now = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                now = reader.GetFieldValue<Instant>(21);
                var pacing = new PacingState(
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<LocalDate>(3),
                    reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<Instant>(2))
                {
                    RecentSends = reader.GetFieldValue<Instant[]>(22),
                    WarmUpFrom = reader.IsDBNull(23) ? null : reader.GetFieldValue<LocalDate>(23),
                };
                due.Add(new DueNumber(reader.GetString(0), reader.GetFieldValue<Instant>(1), pacing, ReadSender(reader)));
            }
        }

        if (now is null)
        {
            await using var clock = new NpgsqlCommand("select now()", connection, transaction);
            now = (Instant)(await clock.ExecuteScalarAsync(cancellationToken))!;
        }

        return (due, now.Value);
    }

    private static DispatchSender? ReadSender(NpgsqlDataReader reader)
    {
        if (reader.IsDBNull(6))
        {
            return null;
        }

        var settings = SenderSettings.Create(
            reader.GetString(11), reader.GetFieldValue<LocalDate>(12), reader.GetInt32(13), reader.GetInt32(14),
            reader.GetInt32(15), reader.GetInt32(16), reader.GetInt32(17));
        return new DispatchSender(
            new SenderId(reader.GetGuid(6)),
            new TenantId(reader.GetGuid(7)),
            new Uri(reader.GetString(8)),
            reader.GetString(9),
            reader.GetString(10),
            settings.Value, // stored settings were valid when stored
            reader.GetBoolean(18),
            reader.IsDBNull(19) ? null : reader.GetString(19),
            reader.IsDBNull(20) ? null : reader.GetFieldValue<Instant>(20))
        {
            // Stored pacing choices were valid when stored (the columns' checks hold the same ranges).
            Pacing = SenderPacing.Create(
                reader.GetString(24), reader.IsDBNull(25) ? null : reader.GetInt32(25), reader.IsDBNull(26) ? null : reader.GetInt32(26)).Value,
            ReconnectedAt = reader.IsDBNull(27) ? null : reader.GetFieldValue<Instant>(27),
            Typing = reader.GetBoolean(reader.GetOrdinal("typing")),
            RestrictedUntil = reader.GetFieldValue<Instant?>(reader.GetOrdinal("restricted_until")),
        };
    }

    private async Task<List<ClaimedSend>> PickAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        List<(DueNumber Number, PacingDecision.Send Send)> candidates,
        string owner,
        Instant now,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Pick, connection, transaction);
        command.Parameters.Add(new() { Value = candidates.Select(c => c.Number.Phone).ToArray() });
        command.Parameters.Add(new() { Value = candidates.Select(c => c.Number.Sender!.Id.Value).ToArray() });
        command.Parameters.Add(new() { Value = candidates.Select(c => c.Number.Sender!.Settings.TimeZone.Id).ToArray() });
        command.Parameters.Add(new() { Value = candidates.Select(c => c.Send.Day).ToArray() });
        command.Parameters.Add(new() { Value = candidates.Select(c => c.Send.Cap).ToArray() });
        command.Parameters.Add(new() { Value = candidates.Select(c => c.Send.SentToday).ToArray() });
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.RecipientPeriod), NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.SendLease), NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.BlockedRecheck), NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new() { Value = candidates.Select(c => c.Send.WarmUpFrom).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        command.Parameters.Add(new()
        {
            Value = candidates.Where(c => c.Number.Sender!.RestrictedUntil > now).Select(c => c.Number.Sender!.Id.Value).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid,
        });

        var byPhone = candidates.ToDictionary(c => c.Number.Phone, StringComparer.Ordinal);
        var windows = new Dictionary<Guid, SendWindow>();
        var sends = new List<ClaimedSend>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (number, budget) = byPhone[reader.GetString(3)];
            metrics.ClaimLag((now - number.NextSendAt).TotalMilliseconds);
            var campaign = reader.GetGuid(0);
            if (!windows.TryGetValue(campaign, out var window))
            {
                window = CampaignStore.ReadWindow(reader, 6);
                windows.Add(campaign, window);
            }

            sends.Add(new ClaimedSend(
                new CampaignId(campaign),
                reader.GetString(1),
                reader.GetString(11),
                reader.GetString(2),
                reader.IsDBNull(4) ? null : JsonSerializer.Deserialize<MediaDraft>(reader.GetString(4), CampaignStore.Json),
                number.Phone,
                number.Sender!,
                now,
                reader.GetFieldValue<Instant>(5),
                number.Pacing.LastSentAt,
                window,
                DateTimeZoneProviders.Tzdb.GetZoneOrNull(reader.GetString(10)) ?? number.Sender!.Settings.TimeZone)
            {
                Budget = budget,
            });
        }

        return sends;
    }

    /// <summary>
    /// Numbers whose queued messages may not go now look again at <see cref="DispatchOptions.BlockedRecheck"/> (set by
    /// the pick); when every window they wait for is closed and one opens sooner, they look again at that opening
    /// instead, so the first message of an opening leaves on time. Never later than the recheck: a message queued
    /// meanwhile (a campaign started or resumed, one put back) does not wake a number that is not parked.
    /// </summary>
    private async Task SleepUntilOpeningAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        List<(DueNumber Number, PacingDecision.Send Send)> candidates,
        List<ClaimedSend> sends,
        Instant now,
        CancellationToken cancellationToken)
    {
        var claimed = sends.Select(s => s.Number).ToHashSet(StringComparer.Ordinal);
        var blocked = candidates.Where(c => !claimed.Contains(c.Number.Phone)).Select(c => c.Number).ToArray();
        var openings = new Dictionary<string, Instant>(StringComparer.Ordinal);
        var next = new Dictionary<string, Instant>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(BlockedWindows, connection, transaction))
        {
            command.Parameters.Add(new() { Value = blocked.Select(n => n.Phone).ToArray() });
            command.Parameters.Add(new() { Value = blocked.Select(n => n.Sender!.Id.Value).ToArray() });
            command.Parameters.Add(new() { Value = blocked.Select(n => n.Sender!.Settings.TimeZone.Id).ToArray() });
            command.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.BlockedRecheck), NpgsqlDbType = NpgsqlDbType.Interval });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var number = reader.GetString(0);
                next[number] = reader.GetFieldValue<Instant>(6);
                var window = CampaignStore.ReadWindow(reader, 1);
                foreach (var id in reader.GetFieldValue<string[]>(5))
                {
                    var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? DateTimeZone.Utc;
                    var opening = window.NextOpening(now, zone);
                    openings[number] = openings.TryGetValue(number, out var earlier) && earlier < opening ? earlier : opening;
                }
            }
        }

        // An opening at now: some window is open and something else blocks (a recipient's period): the recheck stands.
        var sooner = openings.Where(o => o.Value > now && o.Value < next[o.Key]).ToArray();
        if (sooner.Length > 0)
        {
            await using var command = new NpgsqlCommand(Reschedule, connection, transaction);
            command.Parameters.Add(new() { Value = sooner.Select(o => o.Key).ToArray() });
            command.Parameters.Add(new() { Value = sooner.Select(o => o.Value).ToArray() });
            command.Parameters.Add(new() { Value = Array.Empty<string>() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>A locked due number: its pacing state and its live sender (null when no sender has the number).</summary>
    private sealed record DueNumber(string Phone, Instant NextSendAt, PacingState Pacing, DispatchSender? Sender);
}
