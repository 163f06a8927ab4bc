using Campaigns.Domain.Contacts;
using Campaigns.Domain.Replies;
using Campaigns.Engine.Direct;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Webhooks;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Replies;

/// <summary>
/// Applies <c>messages.upsert</c>: a contact's message to a sender is a reply. Each is stored once in <c>replies</c>
/// (unique per tenant and WhatsApp id: a resend changes nothing) and attributed to the campaign message it answers,
/// within the event's tenant only: the one whose id it quotes, else the latest sent to that phone or jid (that
/// sender's first), whose <c>replied_at</c> it sets (the first reply's time). Then, once per reply:
/// an opt-out keyword (<see cref="OptOutKeywords"/>, the tenant's own added) suppresses the number (<c>opt_out</c>,
/// the text as detail; a suppression already there is kept) and skips its pending and queued messages in every
/// campaign of the tenant (<c>opted_out</c>); a re-subscribe keyword lifts an <c>opt_out</c> suppression (never
/// another); and the tenant's live campaigns that stop on reply skip their unsent message to it (<c>replied</c>).
/// A running campaign left with nothing to send completes. When the tenant has a confirmation for the opt-out (or the
/// re-subscribe), it is queued in the same transaction as a direct send from the sender that received the reply, to the
/// chat it came from (<see cref="DirectSendService.ConfirmAsync"/>): stored once with the reply, so a webhook applied
/// twice confirms once. Our own messages, groups, broadcasts and channels are <see cref="ApplyResult.Ignored"/>.
/// </summary>
internal sealed class ReplyApplier(OptOutSettingsService settings, DirectSendService direct, ILogger<ReplyApplier> logger) : IWebhookApplier
{
    public const string OptedOutCode = "opted_out";
    public const string RepliedCode = "replied";
    private const string OptedOutReason = "The recipient opted out.";
    private const string RepliedReason = "The recipient replied, and the campaign stops on reply.";

    /// <summary>
    /// Stores the reply attributed to its campaign message; no row when it is stored already. The quoted message first,
    /// else the latest sent to the phone or one of the jids, the event's sender's before another's.
    /// </summary>
    private const string Insert =
        """
        with quoted as (
            select m.campaign_id, m.phone
              from campaigns.messages m join campaigns.campaigns c on c.id = m.campaign_id
             where $6::text is not null and m.gateway_message_id = $6 and c.tenant_id = $1
             limit 1),
        latest as (
            select x.campaign_id, x.phone from (
                select m.campaign_id, m.phone, m.sender_id, m.sent_at
                  from campaigns.campaigns c join campaigns.messages m on m.campaign_id = c.id
                 where c.tenant_id = $1 and m.phone = $5::text and m.sent_at is not null
                union all
                select m.campaign_id, m.phone, m.sender_id, m.sent_at
                  from campaigns.messages m join campaigns.campaigns c on c.id = m.campaign_id
                 where m.jid = any($7::text[]) and c.tenant_id = $1 and m.sent_at is not null) x
             order by x.sender_id is not distinct from $2 desc, x.sent_at desc
             limit 1),
        target as (
            select campaign_id, phone from quoted
            union all
            select campaign_id, phone from latest where not exists (select 1 from quoted)
            limit 1)
        insert into campaigns.replies (tenant_id, sender_id, gateway_message_id, jid, phone, campaign_id, message_phone, body, opt_out, received_at)
        select $1, $2, $3, $4, $5::text, t.campaign_id, t.phone, $8::text, $10::text, $9
          from (select) one left join target t on true
        on conflict (tenant_id, gateway_message_id) do nothing
        returning campaign_id, message_phone
        """;

    /// <summary>
    /// Whether a message of the tenant (<c>$1</c>) to the phone (<c>$2</c>) or a jid (<c>$3</c>) is being sent: its answer
    /// (and the WhatsApp id a reply may quote) is not recorded yet.
    /// </summary>
    private const string InFlight =
        """
        select exists (
            select 1 from campaigns.messages m
             where m.status = 'sending' and (m.phone = $2::text or m.jid = any($3::text[]))
               and exists (select 1 from campaigns.campaigns c where c.id = m.campaign_id and c.tenant_id = $1))
        """;

    /// <summary>
    /// How many times a reply waits for a send in flight to the same number to be recorded (the processor's back-off
    /// makes that about half a minute); then it is stored with whatever it can be attributed to.
    /// </summary>
    private const int MaxInFlightWaits = 5;

    private const string MarkReplied =
        """
        update campaigns.messages set replied_at = least(coalesce(replied_at, $3), $3)
         where campaign_id = $1 and phone = $2
        """;

    /// <summary>Pending and queued messages of the tenant (<c>$1</c>) to the phone (<c>$2</c>) or a jid (<c>$3</c>) of the campaigns {0} selects.</summary>
    private const string Skip =
        """
        with targets as (
            select m.campaign_id, m.phone from campaigns.campaigns c join campaigns.messages m on m.campaign_id = c.id
             where c.tenant_id = $1 {0} and m.phone = $2::text and m.status in ('pending', 'queued')
            union
            select m.campaign_id, m.phone from campaigns.messages m join campaigns.campaigns c on c.id = m.campaign_id
             where m.jid = any($3::text[]) and c.tenant_id = $1 {0} and m.status in ('pending', 'queued'))
        update campaigns.messages m set status = 'skipped', skip_code = $4, skip_reason = $5
          from targets t
         where m.campaign_id = t.campaign_id and m.phone = t.phone and m.status in ('pending', 'queued')
        returning m.campaign_id
        """;

    private const string Suppress =
        """
        insert into campaigns.suppressions (tenant_id, phone, reason, detail)
        select $1, p, 'opt_out', $3 from unnest($2::text[]) p
        on conflict (tenant_id, phone) do nothing
        """;

    private const string Unsuppress = "delete from campaigns.suppressions where tenant_id = $1 and phone = any($2) and reason = 'opt_out'";

    public IReadOnlyCollection<string> Events { get; } = [WebhookEvents.MessagesUpsert];

    public async Task<IReadOnlyDictionary<long, ApplyResult>> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var results = new Dictionary<long, ApplyResult>(events.Count);
        var messages = new List<(InboxEvent Event, IncomingMessage Message)>(events.Count);
        foreach (var inboxEvent in events)
        {
            if (IncomingMessage.Read(inboxEvent.Payload, inboxEvent.ReceivedAt) is { } message)
            {
                messages.Add((inboxEvent, message));
            }
            else
            {
                results[inboxEvent.Id] = ApplyResult.Ignored;
            }
        }

        if (messages.Count == 0)
        {
            return results;
        }

        var tenantSettings = await OptOutSettingsStore.SettingsAsync(
            connection, transaction, messages.Select(m => m.Event.Tenant.Value).Distinct().ToArray(), cancellationToken);
        var words = new Dictionary<Guid, OptOutKeywords>();
        foreach (var (inboxEvent, message) in messages.OrderBy(m => m.Event.Id)) // a STOP then a START of one batch, in the order they came
        {
            var tenant = inboxEvent.Tenant.Value;
            if (!words.TryGetValue(tenant, out var tenantWords))
            {
                tenantWords = settings.Words.With(tenantSettings.GetValueOrDefault(tenant)?.Keywords ?? []);
                words[tenant] = tenantWords;
            }

            // A fast reply (an auto-answer) can arrive before the send it answers has recorded its answer: it waits for
            // it, or it would be stored unattributed.
            if (inboxEvent.Attempts < MaxInFlightWaits && await InFlightAsync(connection, transaction, tenant, message, cancellationToken))
            {
                results[inboxEvent.Id] = ApplyResult.Retry;
                continue;
            }

            await ApplyAsync(
                connection, transaction, inboxEvent, message, tenantWords.Read(message.Text), tenantSettings.GetValueOrDefault(tenant) ?? OptOutSettings.None,
                cancellationToken);
            results[inboxEvent.Id] = ApplyResult.Applied;
        }

        return results;
    }

    private static async Task<bool> InFlightAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenant, IncomingMessage message, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(InFlight, connection, transaction);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = (object?)message.Phone ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = message.Jids.ToArray() });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ApplyAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        InboxEvent inboxEvent,
        IncomingMessage message,
        OptOutIntent intent,
        OptOutSettings tenantSettings,
        CancellationToken cancellationToken)
    {
        var tenant = inboxEvent.Tenant.Value;
        Guid? campaign;
        string? messagePhone;
        await using (var insert = new NpgsqlCommand(Insert, connection, transaction))
        {
            insert.Parameters.Add(new() { Value = tenant });
            insert.Parameters.Add(new() { Value = inboxEvent.Sender.Value });
            insert.Parameters.Add(new() { Value = message.Id });
            insert.Parameters.Add(new() { Value = message.RemoteJid });
            insert.Parameters.Add(new() { Value = (object?)message.Phone ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = (object?)message.QuotedId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = message.Jids.ToArray() });
            insert.Parameters.Add(new() { Value = (object?)message.Text ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = message.SentAt });
            insert.Parameters.Add(new() { Value = intent switch { OptOutIntent.Stop => "stop", OptOutIntent.Start => "start", _ => DBNull.Value }, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return; // stored already: its effects were applied with it
            }

            campaign = reader.IsDBNull(0) ? null : reader.GetGuid(0);
            messagePhone = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        if (campaign is { } answered)
        {
            await using var mark = new NpgsqlCommand(MarkReplied, connection, transaction);
            mark.Parameters.Add(new() { Value = answered });
            mark.Parameters.Add(new() { Value = messagePhone! });
            mark.Parameters.Add(new() { Value = message.SentAt });
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        // The campaign message's phone is the number as the tenant's list has it (a jid may spell it otherwise).
        var phones = new[] { messagePhone, message.Phone }.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var shown = phones.Length > 0 ? PhoneNumber.Mask(phones[0]) : "(no phone)";
        ReplyLog.Replied(logger, shown, inboxEvent.Sender.Value, campaign);
        var touched = new HashSet<Guid>();
        switch (intent)
        {
            case OptOutIntent.Stop when phones.Length > 0:
                await ExecuteAsync(connection, transaction, Suppress, cancellationToken, tenant, phones, (object?)message.Text ?? DBNull.Value);
                var skipped = await SkipAsync(connection, transaction, "", tenant, phones[0], message.Jids, OptedOutCode, OptedOutReason, touched, cancellationToken);
                ReplyLog.OptedOut(logger, shown, tenant, skipped);
                break;
            case OptOutIntent.Start when phones.Length > 0:
                var lifted = await ExecuteAsync(connection, transaction, Unsuppress, cancellationToken, tenant, phones) > 0;
                ReplyLog.Resubscribed(logger, shown, tenant, lifted);
                break;
        }

        if (phones.Length > 0)
        {
            var stopped = await SkipAsync(
                connection, transaction, "and c.stop_on_reply and c.status in ('running', 'paused', 'scheduled')", tenant, phones[0], message.Jids,
                RepliedCode, RepliedReason, touched, cancellationToken);
            if (stopped > 0)
            {
                ReplyLog.StoppedOnReply(logger, shown, stopped);
            }
        }

        // After the skips: the confirmation is the one message the number still gets.
        var confirmation = intent switch
        {
            OptOutIntent.Stop => (DirectOrigin.OptOut, tenantSettings.Confirmation),
            OptOutIntent.Start => (DirectOrigin.Resubscribe, tenantSettings.ResubscribeConfirmation),
            _ => (null, null),
        };
        if (phones.Length > 0 && confirmation is (string origin, string text))
        {
            await direct.ConfirmAsync(
                connection, transaction, inboxEvent.Tenant, inboxEvent.Sender.Value, phones[0], message.RemoteJid, origin, message.Id, text, cancellationToken);
        }

        if (touched.Count > 0)
        {
            await using var complete = new NpgsqlCommand(DispatchCompleter.CompleteCampaigns, connection, transaction);
            complete.Parameters.Add(new() { Value = touched.ToArray() });
            await complete.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <returns>How many messages were skipped; their campaigns are added to <paramref name="touched"/>.</returns>
    private static async Task<int> SkipAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string campaigns,
        Guid tenant,
        string phone,
        IReadOnlyList<string> jids,
        string code,
        string reason,
        HashSet<Guid> touched,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Skip.Replace("{0}", campaigns, StringComparison.Ordinal), connection, transaction);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = phone });
        command.Parameters.Add(new() { Value = jids.ToArray() });
        command.Parameters.Add(new() { Value = code });
        command.Parameters.Add(new() { Value = reason });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var skipped = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            touched.Add(reader.GetGuid(0));
            skipped++;
        }

        return skipped;
    }

    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
