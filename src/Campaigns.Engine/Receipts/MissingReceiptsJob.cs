using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Senders;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Gateway.Contract;
using Campaigns.Engine.Jobs;
using Campaigns.Engine.Webhooks;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Receipts;

/// <summary>
/// Flags messages with no delivery receipt and checks them against the gateway's own record. A message still
/// <c>sent</c> <see cref="ReceiptsOptions.FlagAfter"/> after <c>sent_at</c> gets <c>receipt_missing_at</c> (a wrong jid
/// leaves a message pending forever; a lost webhook too, on a v1 gateway that never retries). Flagged messages sent
/// within <see cref="ReceiptsOptions.CheckFor"/> are looked up (<c>/chat/findMessages</c> by their WhatsApp id, at most
/// <see cref="ReceiptsOptions.ChecksPerSender"/> per sender per run) and the furthest status of the record's
/// <c>MessageUpdate</c> list is applied by the same rules as a webhook's (<see cref="MessageStatusWriter"/>: delivered,
/// read or failed move it on and clear the flag); none found, the message stays flagged and is checked again after
/// <see cref="ReceiptsOptions.RecheckAfter"/>. A sender whose gateway cannot be asked is left for the next run.
/// </summary>
internal sealed class MissingReceiptsJob(
    NpgsqlDataSource dataSource,
    DispatchGateway targets,
    IGatewayClient gateway,
    IOptions<ReceiptsOptions> options,
    IClock clock,
    ILogger<MissingReceiptsJob> logger)
{
    private const string Flag =
        """
        update campaigns.messages m set receipt_missing_at = now()
        from (select campaign_id, phone from campaigns.messages
              where status = 'sent' and receipt_missing_at is null and sent_at < now() - $1
              order by sent_at
              limit $2
              for update skip locked) f
        where m.campaign_id = f.campaign_id and m.phone = f.phone
        """;

    private const string Due =
        """
        select d.campaign_id, d.phone, d.gateway_message_id, s.id, s.gateway_url, s.instance, s.instance_key_protected
        from (select m.campaign_id, m.phone, m.gateway_message_id, m.sender_id, m.receipt_checked_at, m.sent_at,
                     row_number() over (partition by m.sender_id order by m.receipt_checked_at nulls first, m.sent_at) as n
              from campaigns.messages m
              where m.status = 'sent' and m.receipt_missing_at is not null and m.sent_at > now() - $1
                and m.gateway_message_id is not null
                and (m.receipt_checked_at is null or m.receipt_checked_at < now() - $2)) d
        join campaigns.senders s on s.id = d.sender_id
        where d.n <= $3
        order by d.receipt_checked_at nulls first, d.sent_at
        limit $4
        """;

    private const string Checked =
        """
        update campaigns.messages m set receipt_checked_at = now()
        from unnest($1::uuid[], $2::text[]) as c (campaign_id, phone)
        where m.campaign_id = c.campaign_id and m.phone = c.phone
        """;

    private readonly ReceiptsOptions _options = options.Value;

    /// <summary>Flags one batch and checks one round of flagged messages.</summary>
    [JobDisplayName("Flag and check messages without a delivery receipt")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // it runs again at its next occurrence
    public async Task<ReceiptsRun> RunAsync(CancellationToken cancellationToken)
    {
        int flagged;
        await using (var flag = dataSource.CreateCommand(Flag))
        {
            flag.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.FlagAfter), NpgsqlDbType = NpgsqlDbType.Interval });
            flag.Parameters.Add(new() { Value = _options.FlagBatch });
            flagged = await flag.ExecuteNonQueryAsync(cancellationToken);
        }

        var due = await DueAsync(cancellationToken);
        var checkedMessages = new List<DueMessage>();
        var receipts = new List<StatusReceipt>();
        foreach (var sender in due.GroupBy(m => m.Sender))
        {
            try
            {
                foreach (var message in sender)
                {
                    var status = await LatestStatusAsync(message, cancellationToken);
                    checkedMessages.Add(message);
                    if (status is MessageStatus.Delivered or MessageStatus.Read or MessageStatus.Failed)
                    {
                        receipts.Add(new StatusReceipt(
                            receipts.Count, sender.Key, message.WhatsAppId, status.Value, clock.GetCurrentInstant(),
                            status is MessageStatus.Failed ? StatusReceipt.DeliveryErrorCode : null,
                            status is MessageStatus.Failed ? "The gateway's record of the message says ERROR" : null));
                    }
                }
            }
            catch (Exception exception) when (exception is GatewayException or System.Security.Cryptography.CryptographicException)
            {
                logger.ReceiptCheckFailed(exception, sender.Key.Value);
            }
        }

        var moved = 0;
        if (checkedMessages.Count > 0)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var write = await MessageStatusWriter.WriteAsync(connection, transaction, receipts, cancellationToken);
            moved = write.Outcomes.Values.Count(o => o is ReceiptOutcome.Moved);
            await using (var mark = new NpgsqlCommand(Checked, connection, transaction))
            {
                mark.Parameters.Add(new() { Value = checkedMessages.Select(m => m.Campaign).ToArray() });
                mark.Parameters.Add(new() { Value = checkedMessages.Select(m => m.Recipient).ToArray() });
                await mark.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        logger.ReceiptsChecked(flagged, checkedMessages.Count, moved);
        return new ReceiptsRun(flagged, checkedMessages.Count, moved);
    }

    private async Task<List<DueMessage>> DueAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Due);
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.CheckFor), NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.RecheckAfter), NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new() { Value = (long)_options.ChecksPerSender });
        command.Parameters.Add(new() { Value = _options.MaxChecksPerRun });
        var due = new List<DueMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueMessage(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), new SenderId(reader.GetGuid(3)),
                new Uri(reader.GetString(4)), reader.GetString(5), reader.GetString(6)));
        }

        return due;
    }

    /// <summary>The furthest status of the gateway's record of the message (<see cref="StatusReceipt.StatusOf"/>), or null when it has none.</summary>
    private async Task<MessageStatus?> LatestStatusAsync(DueMessage message, CancellationToken cancellationToken)
    {
        var target = targets.Target(message.Sender.Value, message.GatewayUrl, message.Instance, message.ProtectedInstanceKey);
        var where = new FindMessagesWhere(new FindMessagesKey(message.WhatsAppId, FromMe: true));
        var page = await gateway.FindMessagesAsync(target, new FindMessagesRequest(where, 1, 10), cancellationToken);
        var record = page.Records.FirstOrDefault(r => r.Key.FromMe && r.Key.Id == message.WhatsAppId);
        return record is null ? null : StatusReceipt.StatusOf(record.LatestStatus);
    }

    private sealed record DueMessage(
        Guid Campaign, string Recipient, string WhatsAppId, SenderId Sender, Uri GatewayUrl, string Instance, string ProtectedInstanceKey);
}
