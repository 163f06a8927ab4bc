using Campaigns.Domain.Senders;
using Campaigns.Engine.Senders;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// The health guard's storage side, run inside the completion's transaction: every batch appends its senders' outcomes
/// to <c>campaigns.sender_health</c> (<see cref="RecordCommand"/>, one statement in the batch that writes the senders),
/// and only senders with a failure in the batch are read back and judged (<see cref="SenderHealth.Judge"/>); a sender
/// judged in trouble is paused with <c>health:&lt;what&gt;</c> (over a pause for a connection not open, which the
/// connection's return would lift, but never over another reason) and its memory is wiped, so that a person's resume
/// starts it afresh.
/// </summary>
internal sealed class SenderHealthGuard(DispatchOptions options)
{
    private const string Record =
        """
        insert into campaigns.sender_health as h (sender_id, outcomes, not_open_at)
        select u.id, right(u.marks, $3), case when u.not_open then array[now()] else '{}' end
        from unnest($1::uuid[], $2::text[], $4::bool[]) as u (id, marks, not_open)
        join campaigns.senders s on s.id = u.id
        order by u.id
        on conflict (sender_id) do update
        set outcomes = right(h.outcomes || excluded.outcomes, $3),
            not_open_at = case when cardinality(excluded.not_open_at) = 0 then h.not_open_at
                               else array(select t from unnest(h.not_open_at || excluded.not_open_at) t where t > now() - $5 order by t) end
        """;

    private const string Read = "select sender_id, outcomes, not_open_at, now() from campaigns.sender_health where sender_id = any($1)";

    private const string Pause =
        """
        with paused as (
            update campaigns.senders s set paused_reason = b.reason, paused_at = now()
            from unnest($1::uuid[], $2::text[]) as b (id, reason)
            where s.id = b.id and (s.paused_reason is null or s.paused_reason = any($3))
            returning s.id, s.paused_reason
        ),
        wiped as (
            update campaigns.sender_health h set outcomes = '', not_open_at = '{}' from paused p where h.sender_id = p.id
        )
        select id, paused_reason from paused
        """;

    private readonly HealthRules _rules = new(
        options.HealthWindow, options.HealthFailureShare, options.HealthBurst, options.HealthFlapPauses,
        Duration.FromTimeSpan(options.HealthFlapWindow));

    /// <summary>The statement that appends the batch's outcomes, per sender in batch order.</summary>
    public NpgsqlBatchCommand RecordCommand(IReadOnlyList<SendCompletion> batch)
    {
        var senders = batch
            .Where(c => c.Outcome.HealthMark is not null || c.Outcome.NotOpen)
            .GroupBy(c => c.Send.Sender.Id.Value)
            .Select(g => (Id: g.Key, Marks: new string([.. g.Select(c => c.Outcome.HealthMark).OfType<char>()]), NotOpen: g.Any(c => c.Outcome.NotOpen)))
            .ToArray();
        var command = new NpgsqlBatchCommand(Record);
        command.Parameters.Add(new() { Value = senders.Select(s => s.Id).ToArray() });
        command.Parameters.Add(new() { Value = senders.Select(s => s.Marks).ToArray() });
        command.Parameters.Add(new() { Value = options.HealthWindow });
        command.Parameters.Add(new() { Value = senders.Select(s => s.NotOpen).ToArray() });
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(options.HealthFlapWindow), NpgsqlDbType = NpgsqlDbType.Interval });
        return command;
    }

    /// <summary>Judges the senders of the batch that had a failure (after <see cref="RecordCommand"/> ran) and pauses those in trouble.</summary>
    /// <returns>The senders paused now, with their reasons.</returns>
    public async Task<IReadOnlyList<(Guid Sender, string Reason)>> JudgeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SendCompletion> batch, CancellationToken cancellationToken)
    {
        var failing = batch
            .Where(c => c.Outcome.NotOpen || c.Outcome.HealthMark is SenderHealth.Refused or SenderHealth.NotOnWhatsApp or SenderHealth.GatewayError)
            .Select(c => c.Send.Sender.Id.Value)
            .Distinct()
            .ToArray();
        if (failing.Length == 0)
        {
            return [];
        }

        var verdicts = new List<(Guid Sender, string Reason)>();
        await using (var read = new NpgsqlCommand(Read, connection, transaction))
        {
            read.Parameters.Add(new() { Value = failing });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var reason = SenderHealth.Judge(
                    reader.GetString(1), reader.GetFieldValue<Instant[]>(2), reader.GetFieldValue<Instant>(3), _rules);
                if (reason is not null)
                {
                    verdicts.Add((reader.GetGuid(0), reason));
                }
            }
        }

        if (verdicts.Count == 0)
        {
            return [];
        }

        var paused = new List<(Guid, string)>();
        await using var pause = new NpgsqlCommand(Pause, connection, transaction);
        pause.Parameters.Add(new() { Value = verdicts.Select(v => v.Sender).ToArray() });
        pause.Parameters.Add(new() { Value = verdicts.Select(v => v.Reason).ToArray() });
        pause.Parameters.Add(new() { Value = SenderStore.NotOpenPauseReasons });
        await using (var reader = await pause.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                paused.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        return paused;
    }
}
