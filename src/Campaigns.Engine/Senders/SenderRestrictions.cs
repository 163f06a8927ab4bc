using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Dispatch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Senders;

/// <summary>
/// A sender's restriction (WhatsApp's reach-out timelock, 463): while <c>senders.restricted_until</c> lies ahead the claim
/// takes only messages to recipients this sender already contacted (<c>recipients.contacted_at</c>), and the rest waits
/// or fails over. The one home of the rule's write: dispatch's completion (a 463 answer) and, later, the webhook
/// processor (a <c>messages.update</c> ERROR with stub 463, the silent form) both record through <see cref="RecordSql"/>.
/// </summary>
internal sealed class SenderRestrictions(NpgsqlDataSource dataSource, IOptions<DispatchOptions> options, ILogger<SenderRestrictions> logger)
{
    /// <summary>
    /// Records restrictions: <c>$1</c> sender ids, <c>$2</c> their ends (null: now + <c>$4</c>), <c>$3</c> kinds. A lock
    /// is only ever lengthened (an active lock is never shortened); <c>restricted_at</c> stays the start of the episode.
    /// When a lock begins (none was active) the number's warm-up ramp starts again today in the sender's zone
    /// (<c>numbers.warmup_from</c>, which the pacing rules read) and every running campaign of the sender gets a
    /// <c>sender_restricted</c> event. Returns the senders whose lock changed: id, end, kind, whether it began.
    /// </summary>
    internal static readonly string RecordSql =
        $"""
        with b as (
            select distinct on (u.id) u.id, coalesce(u.until, now() + $4) as until, u.kind
            from unnest($1::uuid[], $2::timestamptz[], $3::text[]) as u (id, until, kind)
            order by u.id, coalesce(u.until, now() + $4) desc
        ),
        prior as (
            select s.id, coalesce(s.restricted_until > now(), false) as active
            from campaigns.senders s join b on b.id = s.id
            for update of s
        ),
        restricted as (
            update campaigns.senders s
            set restricted_until = b.until, restriction = b.kind,
                restricted_at = case when p.active then s.restricted_at else now() end
            from b join prior p on p.id = b.id
            where s.id = b.id and b.until > now() and (s.restricted_until is null or s.restricted_until < b.until)
            returning s.id, s.phone, s.time_zone, s.restricted_until, s.restriction, not p.active as began
        ),
        warmup as (
            update campaigns.numbers n set {SenderStore.RestartWarmUpSql("r.time_zone")}
            from restricted r where n.phone = r.phone and r.began
        ),
        events as (
            insert into campaigns.campaign_events (campaign_id, kind, detail)
            select cs.campaign_id, 'sender_restricted',
                   jsonb_build_object('senderId', r.id, 'restriction', r.restriction, 'until', r.restricted_until)
            from restricted r
            join campaigns.campaign_senders cs on cs.sender_id = r.id
            join campaigns.campaigns k on k.id = cs.campaign_id and k.status = 'running'
            where r.began
        )
        select r.id, r.restricted_until, r.restriction, r.began from restricted r
        """;

    private readonly DispatchOptions _options = options.Value;

    /// <summary>
    /// Runs <see cref="RecordSql"/> on the caller's transaction for <paramref name="locks"/> and logs each lock that began.
    /// </summary>
    /// <returns>How many locks began.</returns>
    internal static async Task<int> RecordAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        IReadOnlyCollection<(Guid Sender, Instant? Until, string Kind)> locks,
        TimeSpan defaultDuration,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (locks.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(RecordSql, connection, transaction);
        command.Parameters.Add(new() { Value = locks.Select(l => l.Sender).ToArray() });
        command.Parameters.Add(new() { Value = locks.Select(l => l.Until).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = locks.Select(l => l.Kind).ToArray() });
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(defaultDuration), NpgsqlDbType = NpgsqlDbType.Interval });
        var began = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(3))
            {
                began++;
                logger.SenderRestricted(reader.GetGuid(0), reader.GetString(2), reader.GetFieldValue<Instant>(1).ToDateTimeOffset());
            }
        }

        return began;
    }

    /// <summary>
    /// The webhook processor's hook (issue 10) for the silent form of the timelock: a send answered 201 PENDING whose
    /// <c>messages.update</c> later says ERROR with stub parameter 463 (<see cref="ReachoutTimelock.IsReported"/>).
    /// Records the lock as a 463 answer to a send does; <paramref name="until"/> null assumes
    /// <c>Dispatch:TimelockDuration</c>. The message itself is the webhook processor's to settle.
    /// </summary>
    /// <returns>Whether a lock began (none was active).</returns>
    public async Task<bool> RecordTimelockAsync(SenderId sender, Instant? until, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await RecordAsync(
            connection, null, [(sender.Value, until, ReachoutTimelock.Kind)], _options.TimelockDuration, logger, cancellationToken) > 0;
    }

    /// <summary>
    /// <see cref="RecordTimelockAsync"/> for several senders on the caller's transaction (the webhook processor's, whose
    /// batch also fails the messages): each lock assumes <c>Dispatch:TimelockDuration</c>.
    /// </summary>
    /// <returns>How many locks began.</returns>
    public Task<int> RecordTimelocksAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<SenderId> senders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(senders);
        return RecordAsync(
            connection, transaction, senders.Select(s => (s.Value, (Instant?)null, ReachoutTimelock.Kind)).ToArray(), _options.TimelockDuration, logger, cancellationToken);
    }

    /// <summary>
    /// Ends a sender's restriction now (a person who knows better, or tests) and wakes its number; false when it had
    /// none (or is not the tenant's).
    /// </summary>
    public async Task<bool> ClearAsync(TenantId tenant, SenderId sender, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            update campaigns.senders set restricted_until = null, restriction = null, restricted_at = null
            where tenant_id = $1 and id = $2 and restricted_until is not null
            """,
            connection,
            transaction);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = sender.Value });
        var cleared = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (cleared)
        {
            await DispatchWake.WakeSendersAsync(connection, transaction, [sender.Value], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return cleared;
    }
}
