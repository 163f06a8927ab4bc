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

    /// <summary>The owner of a slot whose loop is enqueued but not started yet.</summary>
    public const string Reserved = "enqueued";

    /// <summary>Takes <paramref name="slot"/> for <paramref name="owner"/> if it is free (never held, expired, reserved for a loop, or already ours).</summary>
    public Task<bool> TryAcquireAsync(int slot, string owner, CancellationToken cancellationToken) => ExecuteAsync(
        $"""
        insert into campaigns.dispatch_loops as l (slot, owner, lease_until, heartbeat_at) values ($1, $2, now() + $3, now())
        on conflict (slot) do update set owner = excluded.owner, lease_until = excluded.lease_until, heartbeat_at = now()
        where l.lease_until is null or l.lease_until < now() or l.owner = excluded.owner or l.owner = '{Reserved}'
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

    /// <summary>
    /// Reserves those of <paramref name="slots"/> that no live loop holds (or that are reserved no longer), for a loop
    /// about to be enqueued, for one slot lease: the next watchdog run does not enqueue a second one meanwhile.
    /// </summary>
    public async Task<IReadOnlyList<int>> ReserveAsync(IReadOnlyCollection<int> slots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slots);
        await using var command = dataSource.CreateCommand(
            $"""
            insert into campaigns.dispatch_loops as l (slot, owner, lease_until, heartbeat_at)
            select s, '{Reserved}', now() + $2, null from unnest($1::int[]) s
            on conflict (slot) do update set owner = excluded.owner, lease_until = excluded.lease_until
            where l.lease_until is null or l.lease_until < now()
            returning slot
            """);
        command.Parameters.Add(new() { Value = slots.ToArray() });
        command.Parameters.Add(new() { Value = _lease, NpgsqlDbType = NpgsqlDbType.Interval });
        var reserved = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reserved.Add(reader.GetInt32(0));
        }

        reserved.Sort();
        return reserved;
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
