using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// The leases of the dispatch loop slots (<c>campaigns.dispatch_loops</c>): one loop holds a slot at a time, a second
/// copy of the same slot (Hangfire may run a job twice) finds it held and exits; a loop that dies loses its slot when its
/// lease runs out, and the watchdog starts another.
/// </summary>
internal sealed class DispatchSlots(NpgsqlDataSource dataSource, IOptions<DispatchOptions> options)
{
    private readonly Duration _lease = Duration.FromTimeSpan(options.Value.SlotLease);

    /// <summary>Takes <paramref name="slot"/> for <paramref name="owner"/> if it is free (never held, expired, or already ours).</summary>
    public Task<bool> TryAcquireAsync(int slot, string owner, CancellationToken cancellationToken) => ExecuteAsync(
        """
        insert into campaigns.dispatch_loops as l (slot, owner, lease_until, heartbeat_at) values ($1, $2, now() + $3, now())
        on conflict (slot) do update set owner = excluded.owner, lease_until = excluded.lease_until, heartbeat_at = now()
        where l.lease_until is null or l.lease_until < now() or l.owner = excluded.owner
        returning slot
        """,
        slot, owner, cancellationToken);

    /// <summary>Extends the lease; false when the slot is no longer ours (it expired and another loop took it).</summary>
    public Task<bool> RenewAsync(int slot, string owner, CancellationToken cancellationToken) => ExecuteAsync(
        """
        update campaigns.dispatch_loops set lease_until = now() + $3, heartbeat_at = now()
        where slot = $1 and owner = $2 and lease_until >= now()
        returning slot
        """,
        slot, owner, cancellationToken);

    /// <summary>Frees the slot at once, so the watchdog can start the next loop without waiting for the lease.</summary>
    public Task<bool> ReleaseAsync(int slot, string owner, CancellationToken cancellationToken) => ExecuteAsync(
        "update campaigns.dispatch_loops set lease_until = null where slot = $1 and owner = $2 and $3 is not null returning slot",
        slot, owner, cancellationToken);

    /// <summary>The slots in [0, <paramref name="slots"/>) that no live loop holds.</summary>
    public async Task<IReadOnlyList<int>> FreeAsync(int slots, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select s from generate_series(0, $1 - 1) s
            where not exists (select 1 from campaigns.dispatch_loops l where l.slot = s and l.lease_until >= now())
            order by s
            """);
        command.Parameters.Add(new() { Value = slots });
        var free = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            free.Add(reader.GetInt32(0));
        }

        return free;
    }

    private async Task<bool> ExecuteAsync(string sql, int slot, string owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = slot });
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = _lease, NpgsqlDbType = NpgsqlDbType.Interval });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
