using Campaigns.Engine.Database;
using Npgsql;

namespace Campaigns.Engine.Jobs;

/// <summary>
/// The product's own counters on the Hangfire dashboard's home page, across every tenant (operators see them all), in
/// one statement over small indexed sets, read at most every <see cref="CacheFor"/>: the dashboard asks on every page
/// and every 2 s stats poll of every open browser.
/// </summary>
internal sealed class OperatorCounters
{
    /// <summary>How long a reading is served again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly NpgsqlDataSource _dataSource;
    private readonly CachedReading<OperatorCounts> _counts;

    public OperatorCounters(NpgsqlDataSource dataSource, TimeProvider time)
    {
        _dataSource = dataSource;
        _counts = new CachedReading<OperatorCounts>(CacheFor, time, Query);
    }

    /// <summary>The counters, at most <see cref="CacheFor"/> old. Synchronous: Hangfire's dashboard metrics are.</summary>
    public OperatorCounts Read() => _counts.Get();

    private OperatorCounts Query()
    {
        // Sends today: what each number sent on its own local day (its sender's zone), for numbers whose day is today
        // there; a number whose last send was on an earlier day has sent nothing today. Paused: a reason recorded by
        // dispatch or its user, or a connection that is not open (connecting is not open).
        using var command = _dataSource.CreateCommand(
            """
            select (select count(*) from campaigns.campaigns where status = 'running'),
                   (select coalesce(sum(n.sent_today), 0)::bigint
                      from campaigns.numbers n join campaigns.senders s on s.phone = n.phone
                     where n.day = (now() at time zone s.time_zone)::date),
                   (select count(*) from campaigns.senders where paused_reason is not null or state <> 'open')
            """);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new OperatorCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
