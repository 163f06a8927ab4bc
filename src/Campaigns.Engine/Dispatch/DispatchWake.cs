using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// Makes senders' numbers due, so that a dispatch loop looks at them: a parked number (<c>next_send_at</c> null, nothing
/// to send) becomes due now; a number already due, waiting for its gap or in flight keeps its time (waking never
/// shortens a gap or breaks a lease). A number without a row gets one. Senders not linked to a number yet are left
/// alone: they cannot send.
/// </summary>
internal static class DispatchWake
{
    public static async Task<int> WakeSendersAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<Guid> senderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(senderIds);
        if (senderIds.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(
            """
            insert into campaigns.numbers as n (phone, next_send_at)
            select s.phone, now() from campaigns.senders s
            where s.id = any($1) and s.phone is not null
            order by s.phone
            on conflict (phone) do update set next_send_at = now() where n.next_send_at is null
            """,
            connection,
            transaction);
        command.Parameters.Add(new() { Value = senderIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
