using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Jobs;
using Campaigns.Engine.Senders;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// Failover (recurring <c>dispatch-failover</c>, every 30 s): moves the queued messages of running campaigns off senders
/// that cannot send them to the campaign's other senders that can (<see cref="SenderUsability.TakesFirstContactsSql"/>),
/// fewest queued first (<see cref="FewestFirst"/>), and records it (<c>failover</c> event, detail
/// <c>{from, to, moved, reason}</c>). A source is a sender paused (by dispatch, the health guard or its user) or not
/// <c>open</c> for longer than <see cref="DispatchOptions.FailoverAfter"/> (all its queued messages move), or one under a
/// reach-out timelock (<c>restricted_until</c> in the future: at once, only first contacts, i.e. recipients it has not
/// contacted). The sticky rule gives way: the claim rewrites <c>recipients.sender_id</c> when the new sender takes the
/// message. Then it records which running campaigns wait for a sender (<see cref="CampaignWaiting"/>): one
/// <c>waiting_for_sender</c> event when a wait begins. A direct send (kind 'direct') is never moved: it has one sender,
/// which its caller may have named, so it waits for that sender (and is recorded waiting like a campaign).
/// </summary>
/// <remarks>
/// Safe beside dispatch and a second run: each batch (<see cref="DispatchOptions.FailoverBatch"/> messages) is one
/// transaction that locks the source's queued rows with <c>SKIP LOCKED</c> (a message the claim holds is left) and
/// rewrites only rows still <c>queued</c> on the source; runs take turns on an advisory lock (a run that finds it held
/// ends). The receiving senders' numbers are woken (<see cref="DispatchWake"/>).
/// </remarks>
internal sealed class DispatchFailoverJob(NpgsqlDataSource dataSource, IOptions<DispatchOptions> options, ILogger<DispatchFailoverJob> logger)
{
    // Advisory lock in the two-key form: class "fovr", key 0 (one failover at a time across processes).
    private const int FailoverClass = 0x666F7672;

    private const string Sources =
        """
        select cs.campaign_id, k.tenant_id, s.id,
               case when s.paused_reason is not null and coalesce(s.paused_at, '-infinity') <= now() - $1
                    then 'paused: ' || s.paused_reason
                    when s.state <> 'open' and s.state_changed_at <= now() - $1 then 'connection ' || s.state
                    else 'reach-out timelock until ' || to_char(s.restricted_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') end,
               not ((s.paused_reason is not null and coalesce(s.paused_at, '-infinity') <= now() - $1)
                    or (s.state <> 'open' and s.state_changed_at <= now() - $1))
          from campaigns.senders s
          join campaigns.campaign_senders cs on cs.sender_id = s.id and cs.running
          -- A direct send stays on its sender (it may have been asked for by name): it waits, as CampaignWaiting says.
          join campaigns.campaigns k on k.id = cs.campaign_id and k.status = 'running' and k.kind <> 'direct'
         where (s.paused_reason is not null or s.state <> 'open' or s.restricted_until is not null)  -- senders_failover
           and ((s.paused_reason is not null and coalesce(s.paused_at, '-infinity') <= now() - $1)
                or (s.state <> 'open' and s.state_changed_at <= now() - $1)
                or s.restricted_until > now())
           and exists (select 1 from campaigns.messages m
                        where m.campaign_id = cs.campaign_id and m.sender_id = s.id and m.status = 'queued')
         order by cs.campaign_id, cs.position
        """;

    private const string Targets =
        $"""
        select s.id, (select count(*) from campaigns.messages m
                       where m.campaign_id = cs.campaign_id and m.sender_id = s.id and m.status = 'queued')
          from campaigns.campaign_senders cs join campaigns.senders s on s.id = cs.sender_id
         where cs.campaign_id = $1 and s.id <> $2 and {SenderUsability.TakesFirstContactsSql}
         order by cs.position
        """;

    // A restricted sender keeps the recipients it has talked with (contacted_at by it): it may still message them.
    private const string Batch =
        """
        select m.phone from campaigns.messages m
         where m.campaign_id = $1 and m.sender_id = $2 and m.status = 'queued'
           and not ($4 and exists (select 1 from campaigns.recipients r
                                    where r.tenant_id = $5 and r.phone = m.phone and r.sender_id = $2 and r.contacted_at is not null))
         order by m.phone
         limit $3
         for update of m skip locked
        """;

    private const string Move =
        """
        update campaigns.messages m set sender_id = a.sender_id
          from unnest($3::text[], $4::uuid[]) as a (phone, sender_id)
         where m.campaign_id = $1 and m.phone = a.phone and m.sender_id = $2 and m.status = 'queued'
        """;

    private const string RecordWaiting =
        $"""
        with ended as (
            update campaigns.campaigns k set waiting_since = null
             where k.waiting_since is not null and not {CampaignWaiting.Sql}),
        started as (
            update campaigns.campaigns k set waiting_since = now()
             where k.status = 'running' and k.waiting_since is null and {CampaignWaiting.Sql}
            returning k.id)
        insert into campaigns.campaign_events (campaign_id, kind, detail)
        select id, 'waiting_for_sender', jsonb_build_object('reason', '{CampaignWaiting.NoUsableSender}') from started
        returning campaign_id
        """;

    private readonly DispatchOptions _options = options.Value;

    /// <summary>Moves what it can; returns how many messages moved.</summary>
    [JobDisplayName("Dispatch failover: move queued messages off senders that cannot send them")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // it runs again at its next occurrence
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand("select pg_try_advisory_lock($1, 0)", connection))
        {
            tryLock.Parameters.Add(new() { Value = FailoverClass });
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0; // another run is at it
            }
        }

        try
        {
            var moved = 0;
            foreach (var source in await SourcesAsync(connection, cancellationToken))
            {
                moved += await MoveAsync(connection, source, cancellationToken);
            }

            await RecordWaitingAsync(connection, cancellationToken);
            return moved;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock($1, 0)", connection);
            unlock.Parameters.Add(new() { Value = FailoverClass });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<List<Source>> SourcesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sources, connection);
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.FailoverAfter), NpgsqlDbType = NpgsqlDbType.Interval });
        var sources = new List<Source>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(new Source(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetBoolean(4)));
        }

        return sources;
    }

    private async Task<int> MoveAsync(NpgsqlConnection connection, Source source, CancellationToken cancellationToken)
    {
        var (targets, counts) = await TargetsAsync(connection, source, cancellationToken);
        if (targets.Length == 0)
        {
            return 0; // the campaign waits (RecordWaitingAsync says so) until a sender can take them
        }

        var fewest = new FewestFirst(targets, counts);
        var receivers = new HashSet<Guid>();
        var moved = 0;
        int batch;
        do
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var phones = await BatchAsync(connection, transaction, source, cancellationToken);
            batch = phones.Count;
            if (batch > 0)
            {
                var chosen = phones.Select(_ => fewest.Next()).ToArray();
                await using var move = new NpgsqlCommand(Move, connection, transaction);
                move.Parameters.Add(new() { Value = source.Campaign });
                move.Parameters.Add(new() { Value = source.Sender });
                move.Parameters.Add(new() { Value = phones.ToArray() });
                move.Parameters.Add(new() { Value = chosen });
                moved += await move.ExecuteNonQueryAsync(cancellationToken);
                receivers.UnionWith(chosen);
                await DispatchWake.WakeSendersAsync(connection, transaction, chosen.Distinct().ToArray(), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        while (batch == _options.FailoverBatch);

        if (moved > 0)
        {
            var to = targets.Where(receivers.Contains).ToArray(); // in the campaign's order
            await CampaignEventStore.AppendAsync(
                connection, null, source.Campaign, "failover", new { From = source.Sender, To = to, Moved = moved, source.Reason }, cancellationToken);
            FailoverLog.Moved(logger, source.Campaign, source.Sender, moved, to.Length, source.Reason);
        }

        return moved;
    }

    private static async Task<(Guid[] Targets, long[] Counts)> TargetsAsync(NpgsqlConnection connection, Source source, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Targets, connection);
        command.Parameters.Add(new() { Value = source.Campaign });
        command.Parameters.Add(new() { Value = source.Sender });
        var targets = new List<Guid>();
        var counts = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            targets.Add(reader.GetGuid(0));
            counts.Add(reader.GetInt64(1));
        }

        return (targets.ToArray(), counts.ToArray());
    }

    private async Task<List<string>> BatchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Source source, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Batch, connection, transaction);
        command.Parameters.Add(new() { Value = source.Campaign });
        command.Parameters.Add(new() { Value = source.Sender });
        command.Parameters.Add(new() { Value = _options.FailoverBatch });
        command.Parameters.Add(new() { Value = source.FirstContactsOnly });
        command.Parameters.Add(new() { Value = source.Tenant });
        var phones = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            phones.Add(reader.GetString(0));
        }

        return phones;
    }

    private async Task RecordWaitingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RecordWaiting, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            FailoverLog.Waiting(logger, reader.GetGuid(0));
        }
    }

    /// <summary>A sender whose queued messages in one running campaign must move, and why.</summary>
    /// <param name="FirstContactsOnly">Under a reach-out timelock only (not paused): it keeps recipients it has contacted.</param>
    private sealed record Source(Guid Campaign, Guid Tenant, Guid Sender, string Reason, bool FirstContactsOnly);
}
