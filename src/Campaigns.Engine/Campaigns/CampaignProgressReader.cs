using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Pacing;
using Campaigns.Engine.Precheck;
using Campaigns.Engine.Senders;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Reads a campaign's sending progress for <c>GET /api/campaigns/{id}</c> in one round trip: the messages counted per
/// status (one grouped query, which counts the pre-check's progress too), and per sender (<c>campaign_senders</c>) its queued messages (the <c>messages_queued</c>
/// index) and its number's budget (<c>numbers</c>, keyed by the linked phone); then projects the finish with
/// <see cref="CampaignEta"/>. A read only: nothing is locked or written.
/// </summary>
internal sealed class CampaignProgressReader(NpgsqlDataSource dataSource, IClock clock)
{
    public async Task<CampaignDispatchProgress> ReadAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var now = clock.GetCurrentInstant();
        await using var batch = dataSource.CreateBatch();
        // The same pass counts the pre-check's progress: queued messages without a jid, and those it skipped.
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            select status, count(*)::int, count(*) filter (where jid is null)::int, count(*) filter (where skip_code = 'not_on_whatsapp')::int,
                   count(*) filter (where replied_at is not null)::int
              from campaigns.messages where campaign_id = $1 group by status
            """)
        {
            Parameters = { new() { Value = campaign.Id.Value } },
        });

        // s.* is SenderStore's columns (read by SenderStore.Read); the rest is read by name.
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"""
            select s.*, n.day as progress_day, n.sent_today as progress_sent_today, n.cap_today as progress_cap_today,
                   n.next_send_at as progress_next_send_at, n.last_sent_at as progress_last_sent_at, n.warmup_from as progress_warmup_from,
                   (select count(*)::int from campaigns.messages m
                     where m.campaign_id = cs.campaign_id and m.sender_id = cs.sender_id and m.status = 'queued') as progress_queued
              from campaigns.campaign_senders cs
              join lateral (select {SenderStore.Columns} from campaigns.senders x where x.id = cs.sender_id and x.tenant_id = $2) s on true
              left join campaigns.numbers n on n.phone = s.phone
             where cs.campaign_id = $1
             order by cs.position, cs.sender_id
            """)
        {
            Parameters = { new() { Value = campaign.Id.Value }, new() { Value = campaign.Tenant.Value } },
        });

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var counts = Enum.GetValues<MessageStatus>().ToDictionary(status => status, _ => 0);
        int @unchecked = 0, notOnWhatsApp = 0, replied = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = StatusText.ParseMessageStatus(reader.GetString(0));
            counts[status] = reader.GetInt32(1);
            @unchecked += status is MessageStatus.Queued ? reader.GetInt32(2) : 0;
            notOnWhatsApp += reader.GetInt32(3);
            replied += reader.GetInt32(4);
        }

        await reader.NextResultAsync(cancellationToken);
        var senders = new List<CampaignSenderProgress>();
        var workloads = new List<SenderWorkload>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var sender = SenderStore.Read(reader);
            var state = new PacingState(
                Nullable<LocalDate>(reader, "progress_day"),
                Nullable<int>(reader, "progress_sent_today") ?? 0,
                Nullable<int>(reader, "progress_cap_today"),
                Nullable<Instant>(reader, "progress_last_sent_at"))
            {
                WarmUpFrom = Nullable<LocalDate>(reader, "progress_warmup_from"),
            };
            var nextSendAt = Nullable<Instant>(reader, "progress_next_send_at");
            var queued = reader.GetInt32(reader.GetOrdinal("progress_queued"));
            var today = state.On(SenderDay.Of(now, sender.Settings.TimeZone), sender.Id, sender.Settings);
            senders.Add(new CampaignSenderProgress(sender.Id, sender.Name, queued, today.Sent, today.Cap, nextSendAt, sender.Pause?.Reason));
            workloads.Add(new SenderWorkload(sender.Id, sender.Settings, state, nextSendAt, queued) { Pacing = sender.Pacing });
        }

        var eta = CampaignEta.Estimate(workloads, counts[MessageStatus.Pending], campaign.SendWindow, now);
        return new CampaignDispatchProgress(counts, senders, eta, new PrecheckProgress(@unchecked, notOnWhatsApp)) { Replied = replied };
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, string column)
        where T : struct
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }
}
