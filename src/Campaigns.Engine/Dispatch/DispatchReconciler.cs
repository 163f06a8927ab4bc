using System.Text.Json;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Gateway.Contract;
using Campaigns.Engine.Jobs;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// Settles messages left <c>sending</c> past their lease (their loop died, or their send's outcome was unknown) from the
/// gateway's own record (<c>/chat/findMessages</c> by the recipient's JID (the pre-check's), sent by us, since the claim; matched by id
/// when known, else by body): found → <c>sent</c> with its id; the gateway answers and does not have it → <c>queued</c>
/// again (its number woken); the gateway cannot be asked → left, and <c>unknown</c> for a person once the claim is older
/// than <see cref="DispatchOptions.UnknownAfter"/>. Never a blind resend. "Does not have it" is proof only when the
/// gateway stores messages (Evolution's <c>DATABASE_SAVE_DATA_NEW_MESSAGE=true</c>).
/// </summary>
internal sealed class DispatchReconciler(
    NpgsqlDataSource dataSource,
    DispatchGateway targets,
    IGatewayClient gateway,
    IOptions<DispatchOptions> options,
    ILogger<DispatchReconciler> logger)
{
    private const int PageSize = 50;
    private const int MaxPages = 10;

    private const string Stale =
        """
        select m.campaign_id, m.phone, m.body, m.claimed_at, m.gateway_message_id, now(),
               s.id, s.gateway_url, s.instance, s.instance_key_protected,
               coalesce(m.jid, ltrim(m.phone, '+') || '@s.whatsapp.net') -- the send went to the pre-check's jid
        from campaigns.messages m
        join campaigns.senders s on s.id = m.sender_id
        where m.status = 'sending' and m.claimed_at < now() - $1
        order by m.claimed_at
        limit $2
        """;

    private const string Settle =
        $"""
        with x as (
            select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
                as x (campaign_id, phone, claimed_at, status, gateway_id, sent_at, error_code)
        ),
        msg as (
            update campaigns.messages m
            set status = x.status,
                gateway_message_id = coalesce(x.gateway_id, m.gateway_message_id),
                sent_at = case when x.status = 'sent' then x.sent_at else m.sent_at end,
                error_code = x.error_code
            from x
            where m.campaign_id = x.campaign_id and m.phone = x.phone and m.status = 'sending' and m.claimed_at = x.claimed_at
            returning m.campaign_id, m.phone, m.status, m.claimed_at, m.sender_id
        ),
        {DispatchCompleter.FreeRecipients},
        woken as (
            update campaigns.numbers n set next_send_at = now()
            from msg join campaigns.senders s on s.id = msg.sender_id
            where msg.status = 'queued' and n.phone = s.phone and n.next_send_at is null
        )
        select campaign_id, status from msg
        """;

    private readonly DispatchOptions _options = options.Value;

    /// <summary>Reconciles one batch of stale <c>sending</c> messages; answers how many were settled.</summary>
    [JobDisplayName("Reconcile sends left sending")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // it runs again at its next occurrence
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var stale = await StaleAsync(cancellationToken);
        var settled = new List<(StaleMessage Message, string Status, string? GatewayId, Instant? SentAt, string? Code)>();
        foreach (var message in stale)
        {
            try
            {
                var found = await FindAsync(message, cancellationToken);
                settled.Add(found is null
                    ? (message, "queued", null, null, "reconcile.not_found")
                    : (message, "sent", found.Key.Id, found.MessageTimestamp is { } at ? Instant.FromUnixTimeSeconds(at) : message.ClaimedAt, null));
                logger.Reconciled(message.Campaign, found is null ? "queued again" : "sent");
            }
            catch (Exception exception) when (exception is GatewayException or System.Security.Cryptography.CryptographicException)
            {
                logger.ReconcileUnreachable(exception, message.Campaign);
                if (message.Now - message.ClaimedAt > Duration.FromTimeSpan(_options.UnknownAfter))
                {
                    settled.Add((message, "unknown", null, null, "reconcile.unreachable"));
                }
            }
        }

        if (settled.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var campaigns = new HashSet<Guid>();
        var count = 0;
        await using (var command = new NpgsqlCommand(Settle, connection, transaction))
        {
            command.Parameters.Add(new() { Value = settled.Select(s => s.Message.Campaign).ToArray() });
            command.Parameters.Add(new() { Value = settled.Select(s => s.Message.Recipient).ToArray() });
            command.Parameters.Add(new() { Value = settled.Select(s => s.Message.ClaimedAt).ToArray() });
            command.Parameters.Add(new() { Value = settled.Select(s => s.Status).ToArray() });
            command.Parameters.Add(new() { Value = settled.Select(s => s.GatewayId).ToArray() });
            command.Parameters.Add(new() { Value = settled.Select(s => s.SentAt ?? s.Message.ClaimedAt).ToArray() });
            command.Parameters.Add(new() { Value = settled.Select(s => s.Code).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                campaigns.Add(reader.GetGuid(0));
                count++;
            }
        }

        await using (var complete = new NpgsqlCommand(DispatchCompleter.CompleteCampaigns, connection, transaction))
        {
            complete.Parameters.Add(new() { Value = campaigns.ToArray() });
            await complete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private async Task<List<StaleMessage>> StaleAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Stale);
        command.Parameters.Add(new() { Value = Duration.FromTimeSpan(_options.SendLease), NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new() { Value = _options.ReconcileBatch });
        var stale = new List<StaleMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stale.Add(new StaleMessage(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<Instant>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<Instant>(5),
                reader.GetGuid(6), new Uri(reader.GetString(7)), reader.GetString(8), reader.GetString(9), reader.GetString(10)));
        }

        return stale;
    }

    /// <summary>The gateway's record of the message, or null when the gateway answered and has none.</summary>
    private async Task<StoredMessage?> FindAsync(StaleMessage message, CancellationToken cancellationToken)
    {
        var target = targets.Target(message.SenderId, message.GatewayUrl, message.Instance, message.ProtectedInstanceKey);
        var jid = message.Jid;
        // The gateway keeps unix seconds: from the second before the claim to now (and a minute of clock skew).
        var range = new FindMessagesTimeRange(
            message.ClaimedAt.Minus(Duration.FromSeconds(1)).ToDateTimeOffset(), message.Now.Plus(Duration.FromMinutes(1)).ToDateTimeOffset());
        var where = new FindMessagesWhere(new FindMessagesKey(message.GatewayMessageId, jid, FromMe: true), range);
        for (var page = 1; page <= MaxPages; page++)
        {
            var found = await gateway.FindMessagesAsync(target, new FindMessagesRequest(where, page, PageSize), cancellationToken);
            foreach (var record in found.Records)
            {
                if (record.Key.FromMe && (message.GatewayMessageId is { } id ? record.Key.Id == id : Text(record.Message) == message.Body))
                {
                    return record;
                }
            }

            if (page >= found.Pages)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>A stored message's text: a text's body, or a media's caption (empty when it has none).</summary>
    internal static string Text(JsonElement? message)
    {
        if (message is not { ValueKind: JsonValueKind.Object } content)
        {
            return "";
        }

        if (content.TryGetProperty("conversation", out var conversation) && conversation.ValueKind is JsonValueKind.String)
        {
            return conversation.GetString()!;
        }

        foreach (var part in content.EnumerateObject())
        {
            if (part.Value.ValueKind is JsonValueKind.Object)
            {
                if (part.Value.TryGetProperty("text", out var text) && text.ValueKind is JsonValueKind.String)
                {
                    return text.GetString()!;
                }

                if (part.Value.TryGetProperty("caption", out var caption) && caption.ValueKind is JsonValueKind.String)
                {
                    return caption.GetString()!;
                }
            }
        }

        return "";
    }

    private sealed record StaleMessage(
        Guid Campaign,
        string Recipient,
        string Body,
        Instant ClaimedAt,
        string? GatewayMessageId,
        Instant Now,
        Guid SenderId,
        Uri GatewayUrl,
        string Instance,
        string ProtectedInstanceKey,
        string Jid);
}
