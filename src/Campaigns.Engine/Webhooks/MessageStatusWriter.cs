using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Senders;
using Npgsql;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// The one home of moving messages forward on the gateway's receipts (webhooks, and the missing-receipt check): one
/// statement for a batch. A receipt matches the message its sender sent with that WhatsApp id (never another sender's);
/// each message takes the furthest of its receipts that <see cref="MessageStatusFlow"/> allows from where it is (read,
/// then delivered, then failed, then sent), so order and repetition do not matter: an older status after a newer one
/// changes nothing, failed then delivered or read moves on. It records when: <c>sent_at</c> (if it had none),
/// <c>delivered_at</c> (a read without a delivery receipt sets it too), <c>read_at</c>, <c>failed_at</c> with
/// <c>error_code</c>/<c>error</c> (cleared by any other move), and a move beyond sent clears the missing-receipt flag.
/// The move is guarded by the status read, so a message a concurrent writer moved meanwhile is answered
/// <see cref="ReceiptOutcome.Contended"/> and tried again by the caller.
/// </summary>
internal static class MessageStatusWriter
{
    private static readonly MessageStatus[] Targets = [MessageStatus.Sent, MessageStatus.Delivered, MessageStatus.Read, MessageStatus.Failed];

    /// <summary>The allowed moves to each target, from the Domain's flow, as SQL <c>values</c> rows.</summary>
    private static readonly string Flow = string.Join(
        ", ",
        from to in Targets
        from source in MessageStatusFlow.Sources(to)
        select $"('{StatusText.Name(to)}', '{StatusText.Name(source)}')");

    private static readonly string Sql =
        $"""
        with x as (
            select * from unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
                as x (id, sender_id, wa_id, status, at, error_code, error)
        ),
        flow (target, source) as (values {Flow}),
        hit as materialized (
            select x.*, m.campaign_id, m.phone, m.status as before,
                   exists (select 1 from flow f where f.target = x.status and f.source = m.status) as forward
            from x join campaigns.messages m on m.gateway_message_id = x.wa_id and m.sender_id = x.sender_id
        ),
        best as (
            select campaign_id, phone, before,
                   (array_agg(status order by case status when 'read' then 4 when 'delivered' then 3 when 'failed' then 2 else 1 end desc)
                       filter (where forward))[1] as target,
                   min(at) filter (where status = 'sent') as sent_at,
                   min(at) filter (where status in ('delivered', 'read')) as delivered_at,
                   min(at) filter (where status = 'read') as read_at,
                   min(at) filter (where status = 'failed') as failed_at,
                   (array_agg(error_code order by error_code = '{StatusReceipt.TimelockCode}' desc) filter (where status = 'failed'))[1] as error_code,
                   (array_agg(error order by error_code = '{StatusReceipt.TimelockCode}' desc) filter (where status = 'failed'))[1] as error
            from hit
            group by campaign_id, phone, before
            having bool_or(forward)
        ),
        moved as (
            update campaigns.messages m
            set status = b.target,
                sent_at = case when b.target = 'sent' then coalesce(m.sent_at, b.sent_at) else m.sent_at end,
                delivered_at = case when b.target in ('delivered', 'read') then coalesce(m.delivered_at, b.delivered_at) else m.delivered_at end,
                read_at = case when b.target = 'read' then coalesce(m.read_at, b.read_at) else m.read_at end,
                failed_at = case when b.target = 'failed' then coalesce(m.failed_at, b.failed_at) else m.failed_at end,
                error_code = case when b.target = 'failed' then b.error_code end,
                error = case when b.target = 'failed' then b.error end,
                receipt_missing_at = case when b.target = 'sent' then m.receipt_missing_at end
            from best b
            where m.campaign_id = b.campaign_id and m.phone = b.phone and m.status = b.before
            returning m.campaign_id, m.phone, m.status, m.sender_id, m.error_code
        )
        select h.id, h.status = h.before, h.forward, mv.status is not null,
               mv.status = 'failed' and mv.error_code = '{StatusReceipt.TimelockCode}', mv.sender_id
        from hit h left join moved mv on mv.campaign_id = h.campaign_id and mv.phone = h.phone
        """;

    /// <summary>Applies <paramref name="receipts"/> on the caller's transaction; answers an outcome per receipt id.</summary>
    public static async Task<StatusWrite> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<StatusReceipt> receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(receipts);
        var outcomes = receipts.ToDictionary(r => r.Id, _ => ReceiptOutcome.NoMessage);
        var timelocked = new HashSet<SenderId>();
        if (receipts.Count == 0)
        {
            return new StatusWrite(outcomes, []);
        }

        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new() { Value = receipts.Select(r => r.Id).ToArray() });
        command.Parameters.Add(new() { Value = receipts.Select(r => r.Sender.Value).ToArray() });
        command.Parameters.Add(new() { Value = receipts.Select(r => r.WhatsAppId).ToArray() });
        command.Parameters.Add(new() { Value = receipts.Select(r => StatusText.Name(r.Status)).ToArray() });
        command.Parameters.Add(new() { Value = receipts.Select(r => r.At).ToArray() });
        command.Parameters.Add(new() { Value = receipts.Select(r => r.ErrorCode).ToArray() });
        command.Parameters.Add(new() { Value = receipts.Select(r => r.Error).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (same, forward, moved) = (reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
            outcomes[reader.GetInt64(0)] = (forward, moved) switch
            {
                (true, true) => ReceiptOutcome.Moved,
                (true, false) => ReceiptOutcome.Contended,
                _ => same ? ReceiptOutcome.AlreadyThere : ReceiptOutcome.NoStepForward,
            };
            if (!reader.IsDBNull(4) && reader.GetBoolean(4))
            {
                timelocked.Add(new SenderId(reader.GetGuid(5)));
            }
        }

        return new StatusWrite(outcomes, timelocked.ToArray());
    }
}
