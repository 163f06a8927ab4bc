using System.Text.Json;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Gateway.Contract;
using Campaigns.Engine.Senders;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// Applies <c>connection.update</c> to its sender, in one statement per batch: the sender's newest event of the batch
/// (by inbox id), only if newer than the last one applied (<c>senders.state_event_id</c>; two processor runs can apply
/// a batch each at once), is Applied; older ones, and a missing or unknown state, are Ignored. Anything but
/// <c>open</c> (<c>connecting</c> is how a real server shows a transient drop) records the state and pauses the
/// sender with the state's name as reason (an existing pause keeps its reason), so dispatch stops at once
/// (<see cref="SenderUsability"/>). <c>open</c> records the state (from another state: <c>reconnected_at</c>, the
/// reconnect ramp) and lifts only a pause for a connection not open (<see cref="SenderStore.NotOpenPauseReasons"/>,
/// with its failure count and back-off, as a resume does): a user's or the health guard's pause stays. A resumed
/// sender's number is woken (<see cref="DispatchWake"/>) so that dispatch goes on promptly.
/// </summary>
internal sealed class ConnectionStateApplier(StatusMetrics metrics, ILogger<ConnectionStateApplier> logger) : IWebhookApplier
{
    private const string Sql =
        """
        with e as (
            select * from unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::text[])
                as e (sender_id, event_id, state, pause, at, reason)
        ),
        prior as (
            select s.id, s.state, s.paused_reason
            from campaigns.senders s join e on e.sender_id = s.id
            where s.state_event_id is null or s.state_event_id < e.event_id
            for update of s
        )
        update campaigns.senders s
        set state = e.state,
            state_reason = case when p.state = e.state then s.state_reason else e.reason end,
            state_changed_at = case when p.state = e.state then s.state_changed_at else e.at end,
            state_event_id = e.event_id,
            paused_reason = case when e.pause is not null then coalesce(p.paused_reason, e.pause)
                                 when p.paused_reason = any($7) then null else p.paused_reason end,
            paused_at = case when e.pause is not null then case when p.paused_reason is null then e.at else s.paused_at end
                             when p.paused_reason = any($7) then null else s.paused_at end,
            consecutive_failures = case when e.pause is null and p.paused_reason = any($7) then 0 else s.consecutive_failures end,
            backoff_until = case when e.pause is null and p.paused_reason = any($7) then null else s.backoff_until end,
            reconnected_at = case when e.pause is null and (p.state <> 'open' or p.paused_reason = any($7)) then e.at else s.reconnected_at end
        from e join prior p on p.id = e.sender_id
        where s.id = e.sender_id
        returning s.id, e.event_id, e.state, p.paused_reason is null and s.paused_reason is not null as paused,
                  e.pause is null and p.paused_reason = any($7) as resumed
        """;

    public IReadOnlyCollection<string> Events { get; } = [WebhookEvents.ConnectionUpdate];

    public async Task<IReadOnlyDictionary<long, ApplyResult>> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var results = events.ToDictionary(e => e.Id, _ => ApplyResult.Ignored);
        var newest = events
            .Select(e => (Event: e, State: StateOf(e)))
            .Where(e => e.State is not InstanceConnectionState.Unknown)
            .GroupBy(e => e.Event.Sender)
            .Select(g => g.MaxBy(e => e.Event.Id))
            .ToArray();
        if (newest.Length == 0)
        {
            return results;
        }

        var woken = new List<Guid>();
        await using (var command = new NpgsqlCommand(Sql, connection, transaction))
        {
            command.Parameters.Add(new() { Value = newest.Select(e => e.Event.Sender.Value).ToArray() });
            command.Parameters.Add(new() { Value = newest.Select(e => e.Event.Id).ToArray() });
            command.Parameters.Add(new() { Value = newest.Select(e => SenderStore.StateText(SenderService.ToSenderState(e.State))).ToArray() });
            command.Parameters.Add(new() { Value = newest.Select(e => e.State is InstanceConnectionState.Open ? null : Name(e.State)).ToArray() });
            command.Parameters.Add(new() { Value = newest.Select(e => e.Event.ReceivedAt).ToArray() });
            command.Parameters.Add(new() { Value = newest.Select(e => Reason(e.Event, e.State)).ToArray() });
            command.Parameters.Add(new() { Value = SenderStore.NotOpenPauseReasons });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (sender, id, state) = (reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2));
                results[id] = ApplyResult.Applied;
                metrics.State(state);
                if (reader.GetBoolean(3))
                {
                    logger.ConnectionLost(sender, state);
                }

                if (!reader.IsDBNull(4) && reader.GetBoolean(4))
                {
                    woken.Add(sender);
                    logger.ConnectionBack(sender);
                }
            }
        }

        await DispatchWake.WakeSendersAsync(connection, transaction, woken, cancellationToken);
        return results;
    }

    /// <summary><c>data.state</c> of the event; Unknown when missing or not one the gateway client knows.</summary>
    private static InstanceConnectionState StateOf(InboxEvent webhook) =>
        webhook.Payload.ValueKind is JsonValueKind.Object
        && webhook.Payload.TryGetProperty("data", out var data) && data.ValueKind is JsonValueKind.Object
        && data.TryGetProperty("state", out var state) && state.ValueKind is JsonValueKind.String
            ? state.Deserialize(GatewayJsonContext.Default.InstanceConnectionState)
            : InstanceConnectionState.Unknown;

    /// <summary>The state's wire name (<c>close</c>, <c>connecting</c>, <c>refused</c>): the pause reason dispatch uses too.</summary>
    private static string Name(InstanceConnectionState state) => state.ToString().ToLowerInvariant();

    /// <summary>What the sender's <c>state_reason</c> says: the gateway's word and its disconnect code, if any.</summary>
    private static string? Reason(InboxEvent webhook, InstanceConnectionState state)
    {
        if (state is InstanceConnectionState.Open)
        {
            return null;
        }

        var code = webhook.Payload.GetProperty("data").TryGetProperty("statusReason", out var reason) && reason.ValueKind is JsonValueKind.Number
            ? $", status {reason.GetRawText()}"
            : "";
        return $"The gateway reported '{Name(state)}' (connection.update{code}).";
    }
}
