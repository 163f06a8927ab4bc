using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Tenants;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Reports;

/// <summary>
/// Reads a tenant's statistics for <c>GET /api/stats</c> in one round trip. Days are UTC days (one answer for every
/// sender's zone). Both queries reach messages only through the tenant's campaigns and the messages' primary key
/// (<c>campaign_id</c> first): the totals read the tenant's messages once, grouped; the 30 days read only campaigns
/// that were running at some point of those days (started, and not completed or cancelled before them), so their cost
/// follows recent volume, not the tenant's whole history. Test sends (<see cref="CampaignTests"/>) are left out.
/// </summary>
internal sealed class TenantStatsReader(NpgsqlDataSource dataSource, IClock clock)
{
    public const int Days = 30;

    public async Task<TenantStats> ReadAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var today = clock.GetCurrentInstant().InUtc().Date;
        var first = today.PlusDays(-(Days - 1));
        var since = first.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var todayStart = today.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            select m.status, coalesce(lower(c.media ->> 'type'), 'text'), count(*)::int,
                   count(*) filter (where m.sent_at is not null)::int,
                   count(*) filter (where m.sent_at is not null and (m.delivered_at is not null or m.read_at is not null or m.status in ('delivered', 'read')))::int,
                   count(*) filter (where m.sent_at is not null and (m.read_at is not null or m.status = 'read'))::int,
                   count(*) filter (where m.sent_at >= $2)::int,
                   count(*) filter (where m.replied_at is not null)::int
              from campaigns.campaigns c join campaigns.messages m on m.campaign_id = c.id
             where c.tenant_id = $1 and c.kind = 'campaign'
             group by 1, 2
            """)
        {
            Parameters = { new() { Value = tenant.Value }, new() { Value = todayStart } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"""
            with events as (
                select (e.at at time zone 'UTC')::date as day, e.kind
                  from campaigns.campaigns c
                  join campaigns.messages m on m.campaign_id = c.id
                 cross join lateral (values ('sent', m.sent_at), ('delivered', {MessageEventTimes.Delivered}), ('read', m.read_at),
                                            ('failed', {MessageEventTimes.Failed}),
                                            ('replied', m.replied_at)) as e (kind, at)
                 where c.tenant_id = $1 and c.kind = 'campaign' and c.started_at is not null and (c.completed_at is null or c.completed_at >= $2)
                   and e.at >= $2)
            select d::date,
                   count(*) filter (where e.kind = 'sent')::int, count(*) filter (where e.kind = 'delivered')::int,
                   count(*) filter (where e.kind = 'read')::int, count(*) filter (where e.kind = 'failed')::int,
                   count(*) filter (where e.kind = 'replied')::int
              from generate_series($3::date, $4::date, interval '1 day') as d
              left join events e on e.day = d::date
             group by d
             order by d
            """)
        {
            Parameters = { new() { Value = tenant.Value }, new() { Value = since }, new() { Value = first }, new() { Value = today } },
        });

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var byStatus = Enum.GetValues<MessageStatus>().ToDictionary(s => s, _ => 0);
        var byType = TenantStats.Types.ToDictionary(t => t, _ => 0);
        int sent = 0, delivered = 0, read = 0, sentToday = 0, replied = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            byStatus[StatusText.ParseMessageStatus(reader.GetString(0))] += reader.GetInt32(2);
            var type = reader.GetString(1);
            byType[type] = byType.GetValueOrDefault(type) + reader.GetInt32(3);
            sent += reader.GetInt32(3);
            delivered += reader.GetInt32(4);
            read += reader.GetInt32(5);
            sentToday += reader.GetInt32(6);
            replied += reader.GetInt32(7);
        }

        await reader.NextResultAsync(cancellationToken);
        var daily = new List<DailyCounts>(Days);
        while (await reader.ReadAsync(cancellationToken))
        {
            daily.Add(new DailyCounts(
                reader.GetFieldValue<LocalDate>(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)));
        }

        return new TenantStats(sentToday, sent, delivered, read, byStatus, byType, daily) { Replied = replied };
    }
}
