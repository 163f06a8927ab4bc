using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Campaigns;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Reports;

/// <summary>
/// Reads a campaign's sent / delivered / read / replied / failed counts over time for the campaign page's chart
/// (<c>GET /api/campaigns/{id}/timeline</c>) in one statement. The span runs from its first event to its last (to now
/// while it is running or paused); the bucket is the smallest of <see cref="BucketSizes"/> (else a whole number of days)
/// that keeps the span within <see cref="MaxBuckets"/> buckets aligned on multiples of the bucket size, so a chart of a
/// week-long campaign costs what one of an hour does. The statement reads the campaign's messages through the primary
/// key (<c>campaign_id</c> first) twice — once for the span, once grouped by bucket — and never sorts them: the
/// grouping has at most <see cref="MaxBuckets"/> groups. Events are counted as <c>GET /api/stats</c> counts them:
/// delivered includes read messages without a delivery receipt; failed is <c>failed_at</c>, or the claim of a message
/// that failed before the column existed.
/// </summary>
internal sealed class CampaignTimelineReader(NpgsqlDataSource dataSource, IClock clock)
{
    /// <summary>The most buckets a timeline has, whatever the campaign's length.</summary>
    public const int MaxBuckets = 200;

    /// <summary>Bucket widths in seconds, smallest first: 1 s … 1 day; longer spans take whole days.</summary>
    public static readonly int[] BucketSizes = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

    public async Task<CampaignTimeline> ReadAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);

        // Aligned on the bucket size, the first and last events can fall in partial buckets at both ends: a span of at
        // most (MaxBuckets - 2) buckets keeps the count within MaxBuckets.
        await using var command = dataSource.CreateCommand(
            $"""
            with bounds as (
                select least(min(sent_at), min(delivered_at), min(read_at), min(replied_at), min(failed_at),
                             min(claimed_at) filter (where status = 'failed' and failed_at is null)) as first,
                       greatest(max(sent_at), max(delivered_at), max(read_at), max(replied_at), max(failed_at),
                                max(claimed_at) filter (where status = 'failed' and failed_at is null), $2) as last
                  from campaigns.messages where campaign_id = $1),
            sized as materialized (
                select b.first, b.last,
                       coalesce((select min(s) from unnest($3::int[]) s where extract(epoch from b.last - b.first) <= $4 * s),
                                ceil(extract(epoch from b.last - b.first) / ($4 * 86400)) * 86400)::bigint as size
                  from bounds b
                 where b.first is not null),
            grid as (
                select size, floor(date_part('epoch', first) / size)::bigint * size as origin,
                       (floor(date_part('epoch', last) / size) - floor(date_part('epoch', first) / size))::int + 1 as buckets
                  from sized),
            -- Each message's bucket per kind of event (null: not yet), counted per bucket and kind in one pass: hashed
            -- grouping sets aggregate every set from the same scan; grouping() tells the sets apart (15: sent … 30: failed).
            events as (
                select floor((date_part('epoch', m.sent_at) - g.origin) / g.size)::int as sent,
                       floor((date_part('epoch', {MessageEventTimes.Delivered}) - g.origin) / g.size)::int as delivered,
                       floor((date_part('epoch', m.read_at) - g.origin) / g.size)::int as read,
                       floor((date_part('epoch', m.replied_at) - g.origin) / g.size)::int as replied,
                       floor((date_part('epoch', {MessageEventTimes.Failed}) - g.origin) / g.size)::int as failed
                  from grid g cross join campaigns.messages m
                 where m.campaign_id = $1),
            sets as (
                select grouping(sent, delivered, read, replied, failed) as kind, coalesce(sent, delivered, read, replied, failed) as bucket, count(*) as n
                  from events
                 group by grouping sets ((sent), (delivered), (read), (replied), (failed))),
            counts as (
                select bucket, sum(n) filter (where kind = 15) as sent, sum(n) filter (where kind = 23) as delivered,
                       sum(n) filter (where kind = 27) as read, sum(n) filter (where kind = 29) as replied, sum(n) filter (where kind = 30) as failed
                  from sets
                 where bucket is not null
                 group by bucket)
            select g.size::int, to_timestamp(g.origin + (i + 1) * g.size),
                   sum(coalesce(c.sent, 0)) over w, sum(coalesce(c.delivered, 0)) over w, sum(coalesce(c.read, 0)) over w,
                   sum(coalesce(c.replied, 0)) over w, sum(coalesce(c.failed, 0)) over w
              from grid g
             cross join generate_series(0, g.buckets - 1) as i
              left join counts c on c.bucket = i
            window w as (order by i)
             order by i
            """);
        var open = campaign.Status is CampaignStatus.Running or CampaignStatus.Paused;
        command.Parameters.Add(new() { Value = campaign.Id.Value });
        command.Parameters.Add(new() { Value = open ? clock.GetCurrentInstant() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = BucketSizes });
        command.Parameters.Add(new() { Value = MaxBuckets - 2 });

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<TimelinePoint>();
        var size = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            size = reader.GetInt32(0);
            points.Add(new TimelinePoint(
                reader.GetFieldValue<Instant>(1),
                (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4), (int)reader.GetInt64(5), (int)reader.GetInt64(6)));
        }

        return points.Count == 0 ? CampaignTimeline.Empty : new CampaignTimeline(size, points);
    }
}
