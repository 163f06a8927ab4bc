using Campaigns.Engine.Senders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// Writes finished sends in batches, in one transaction of two round trips: messages <c>sending → sent | failed |
/// queued</c> (guarded by their claim time, so a message reconciled and claimed again meanwhile is left alone; a
/// message put back frees its recipient's period), each number's next send time (guarded by its lease: a completion
/// that lost its lease changes nothing; a send never made gives the day's count and last send time back), the senders' failure streaks, back-offs and pauses (narrow guarded updates of
/// those columns only), and every campaign of the batch with no message left to send becomes <c>completed</c>. A send of
/// a campaign with a delay (a bulk send's <c>min_gap_ms</c>) that reached the gateway moves the campaign's turn on its
/// sender (<c>campaign_senders.last_claimed_at</c>, which the claim's delay counts from) to its answer when later.
/// A sent message marks its recipient contacted (<c>recipients.contacted_at</c>: no longer a first contact for a
/// reach-out timelock); a 463 answer restricts its sender (<see cref="SenderRestrictions.RecordSql"/>); the health guard
/// remembers every outcome and judges senders with a failure in the batch (<see cref="SenderHealthGuard"/>).
/// </summary>
internal sealed class DispatchCompleter(NpgsqlDataSource dataSource, IOptions<DispatchOptions> options, DispatchMetrics metrics, ILogger<DispatchCompleter> logger)
{
    /// <summary>
    /// A CTE (after a CTE <c>msg</c> returning moved messages): a message put back in the queue gives its recipient's
    /// period back (the claim had set it to the claim's time; the earlier value was outside the period, so null is as good).
    /// </summary>
    internal const string FreeRecipients =
        """
        freed as (
            update campaigns.recipients r set last_campaign_message_at = null
            from msg join campaigns.campaigns k on k.id = msg.campaign_id
            where msg.status = 'queued' and r.tenant_id = k.tenant_id and r.phone = msg.phone
              and r.last_campaign_message_at = msg.claimed_at
        )
        """;

    private const string Messages =
        $"""
        with x as (
            select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[])
                as x (campaign_id, phone, claimed_at, status, gateway_id, sent_at, error_code, error)
        ),
        msg as (
            update campaigns.messages m
            set status = x.status,
                gateway_message_id = coalesce(x.gateway_id, m.gateway_message_id),
                sent_at = case when x.status = 'sent' then x.sent_at else m.sent_at end,
                error_code = x.error_code,
                error = x.error
            from x
            where m.campaign_id = x.campaign_id and m.phone = x.phone and m.status = 'sending' and m.claimed_at = x.claimed_at
            returning m.campaign_id, m.phone, m.status, m.claimed_at, m.sender_id
        ),
        {FreeRecipients},
        contacted as (
            -- A sent message makes its recipient contacted by the sender the claim wrote (guarded like FreeRecipients);
            -- a direct send, which records no campaign message time, by its sender while the recipient's row still names it.
            update campaigns.recipients r set contacted_at = now()
            from msg join campaigns.campaigns k on k.id = msg.campaign_id
            where msg.status = 'sent' and r.tenant_id = k.tenant_id and r.phone = msg.phone
              and (r.last_campaign_message_at = msg.claimed_at or (k.kind = 'direct' and r.sender_id = msg.sender_id))
        ),
        delayed as (
            -- A bulk send's delay counts from the answer of its campaign's last send from the sender (the latest moment
            -- the gateway can have received it, as the floor does), not only from the claim: then it holds between arrivals.
            update campaigns.campaign_senders cs set last_claimed_at = greatest(cs.last_claimed_at, g.left_at)
            from unnest($15::uuid[], $16::uuid[], $12::timestamptz[], $14::bool[]) as g (campaign_id, sender_id, left_at, counted)
            join campaigns.campaigns k on k.id = g.campaign_id and k.min_gap_ms is not null
            where g.counted and cs.campaign_id = g.campaign_id and cs.sender_id = g.sender_id
        )
        update campaigns.numbers n set next_send_at = y.next,
            -- a send never made (window closed at the moment of sending) gives its budget back
            last_sent_at = case when y.unsent then n.last_sent_at else y.left_at end,
            sent_today = case when y.unsent then greatest(n.sent_today - 1, 0) else n.sent_today end,
            -- the per-minute and per-hour caps' memory: this send appended, sends older than an hour dropped (bounded)
            recent_sends = case when y.counted
                                then array(select t from unnest(n.recent_sends || y.left_at) t
                                           where t > y.left_at - interval '1 hour' order by t)
                                else n.recent_sends end
        from unnest($9::text[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::bool[], $14::bool[])
            as y (phone, lease, next, left_at, unsent, counted)
        where n.phone = y.phone and n.next_send_at = y.lease
        """;

    private const string Healthy =
        """
        update campaigns.senders set consecutive_failures = 0, backoff_until = null
        where id = any($1) and (consecutive_failures <> 0 or backoff_until is not null)
        """;

    private const string Backoff =
        """
        update campaigns.senders s
        set consecutive_failures = s.consecutive_failures + 1,
            backoff_until = greatest(now() + least($4 * power(2, least(s.consecutive_failures, 30)), $5),
                                     now() + make_interval(secs => b.retry_after)),
            paused_reason = case when s.paused_reason is null and s.consecutive_failures + 1 >= $6 then b.reason else s.paused_reason end,
            paused_at = case when s.paused_reason is null and s.consecutive_failures + 1 >= $6 then now() else s.paused_at end
        from unnest($1::uuid[], $2::text[], $3::float8[]) as b (id, reason, retry_after)
        where s.id = b.id
        returning s.id, s.paused_reason, s.consecutive_failures >= $6
        """;

    private const string Pause =
        """
        update campaigns.senders s set paused_reason = b.reason, paused_at = now()
        from unnest($1::uuid[], $2::text[]) as b (id, reason)
        where s.id = b.id and s.paused_reason is null
        """;

    /// <summary>Campaigns among <c>$1</c> still running with nothing left to send.</summary>
    internal const string CompleteCampaigns =
        """
        update campaigns.campaigns k set status = 'completed', completed_at = now(), updated_at = now()
        where k.id = any($1) and k.status = 'running'
          and not exists (select 1 from campaigns.messages m
                          where m.campaign_id = k.id and m.status in ('pending', 'queued', 'sending'))
        """;

    private readonly DispatchOptions _options = options.Value;
    private readonly SenderHealthGuard _health = new(options.Value);

    public async Task CompleteAsync(IReadOnlyList<SendCompletion> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Messages, connection, transaction))
        {
            var written = batch.Where(c => c.Outcome.Message is not MessageFate.Reconcile || c.Outcome.ErrorCode is not null).ToArray();
            command.Parameters.Add(new() { Value = written.Select(c => c.Send.Campaign.Value).ToArray() });
            command.Parameters.Add(new() { Value = written.Select(c => c.Send.Recipient).ToArray() });
            command.Parameters.Add(new() { Value = written.Select(c => c.Send.ClaimedAt).ToArray() });
            command.Parameters.Add(new() { Value = written.Select(c => Status(c.Outcome.Message)).ToArray() });
            command.Parameters.Add(new() { Value = written.Select(c => c.Outcome.GatewayMessageId).ToArray() });
            command.Parameters.Add(new() { Value = written.Select(c => c.LeftAt).ToArray() });
            command.Parameters.Add(new() { Value = written.Select(c => c.Outcome.ErrorCode).ToArray() });
            command.Parameters.Add(new() { Value = written.Select(c => c.Outcome.Error).ToArray() });
            command.Parameters.Add(new() { Value = batch.Select(c => c.Send.Number).ToArray() });
            command.Parameters.Add(new() { Value = batch.Select(c => c.Send.Lease).ToArray() });
            command.Parameters.Add(new() { Value = batch.Select(c => c.Next).ToArray() });
            command.Parameters.Add(new() { Value = batch.Select(c => c.LeftAt).ToArray() });
            command.Parameters.Add(new() { Value = batch.Select(c => c.Outcome.Unsent).ToArray() });
            command.Parameters.Add(new() { Value = batch.Select(c => c.Outcome.Message is not MessageFate.Requeue).ToArray() }); // reached the gateway (a requeue did not)
            command.Parameters.Add(new() { Value = batch.Select(c => c.Send.Campaign.Value).ToArray() });
            command.Parameters.Add(new() { Value = batch.Select(c => c.Send.Sender.Id.Value).ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var senders = new NpgsqlBatch(connection, transaction))
        {
            var healthy = batch.Where(c => c.Outcome.Sender is SenderEffect.Healthy).Select(c => c.Send.Sender.Id.Value).Distinct().ToArray();
            senders.BatchCommands.Add(Command(Healthy, healthy));

            var backoff = batch.Where(c => c.Outcome.Sender is SenderEffect.Backoff).DistinctBy(c => c.Send.Sender.Id).ToArray();
            senders.BatchCommands.Add(Command(
                Backoff,
                backoff.Select(c => c.Send.Sender.Id.Value).ToArray(),
                backoff.Select(c => c.Outcome.PauseReason ?? "gateway_failures").ToArray(),
                backoff.Select(c => c.Outcome.RetryAfter?.TotalSeconds ?? 0).ToArray(),
                Duration.FromTimeSpan(_options.BackoffBase),
                Duration.FromTimeSpan(_options.BackoffMax),
                _options.MaxConsecutiveFailures));

            var paused = batch.Where(c => c.Outcome.Sender is SenderEffect.Pause).DistinctBy(c => c.Send.Sender.Id).ToArray();
            senders.BatchCommands.Add(Command(
                Pause, paused.Select(c => c.Send.Sender.Id.Value).ToArray(), paused.Select(c => c.Outcome.PauseReason!).ToArray()));

            senders.BatchCommands.Add(Command(CompleteCampaigns, batch.Select(c => c.Send.Campaign.Value).Distinct().ToArray()));
            senders.BatchCommands.Add(_health.RecordCommand(batch));

            await using var reader = await senders.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetBoolean(2))
                {
                    logger.SenderPaused(reader.GetGuid(0), reader.IsDBNull(1) ? "?" : reader.GetString(1));
                }
            }
        }

        var restricted = batch
            .Where(c => c.Outcome.Sender is SenderEffect.Restrict)
            .Select(c => (c.Send.Sender.Id.Value, c.Outcome.RestrictedUntil, ReachoutTimelock.Kind))
            .ToArray();
        var began = await SenderRestrictions.RecordAsync(connection, transaction, restricted, _options.TimelockDuration, logger, cancellationToken);
        var unhealthy = await _health.JudgeAsync(connection, transaction, batch, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        metrics.Restricted(began);
        foreach (var (sender, reason) in unhealthy)
        {
            metrics.HealthPaused(reason);
            logger.HealthPaused(sender, reason);
        }

        foreach (var completion in batch)
        {
            metrics.Sent(completion.Outcome.Label);
            if (completion.Outcome.ErrorCode is { } code)
            {
                metrics.Failed(code);
            }

            if (completion.Send.PreviousSentAt is { } previous && completion.Outcome.Message is MessageFate.Sent)
            {
                metrics.Gap((completion.LeftAt - previous).TotalMilliseconds);
            }
        }

        foreach (var pause in batch.Where(c => c.Outcome.Sender is SenderEffect.Pause))
        {
            logger.SenderPaused(pause.Send.Sender.Id.Value, pause.Outcome.PauseReason!);
        }
    }

    private static string Status(MessageFate fate) => fate switch
    {
        MessageFate.Sent => "sent",
        MessageFate.Failed => "failed",
        MessageFate.Requeue => "queued",
        _ => "sending",
    };

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }

        return command;
    }
}
