using System.Diagnostics.Metrics;
using Campaigns.Engine.Campaigns;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Campaigns.Engine.Database;

/// <summary>
/// Dead tuples of the tables dispatch updates on every send (<see cref="Tables"/>), from <c>pg_stat_user_tables</c>, as
/// the observable gauge <c>campaigns.db.dead_tuples</c> (tags <c>table</c> and <c>database</c>) of meter
/// <c>Campaigns</c>: bloat that autovacuum does not keep up with shows there first. Read at most every
/// <see cref="CacheFor"/>, whatever the number of scrapes.
/// </summary>
internal sealed class HotTableStats
{
    public const string InstrumentName = "campaigns.db.dead_tuples";

    /// <summary>How long a reading is served again, so that a scrape storm cannot hammer PostgreSQL.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    public static readonly string[] Tables = ["numbers", "messages", "campaign_senders", "senders"];

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<HotTableStats> _logger;
    private readonly string _database;
    private readonly CachedReading<IReadOnlyList<(string Table, long DeadTuples)>> _rows;

    /// <param name="meters">Where the gauge is published; null: nowhere (tests that read it directly).</param>
    public HotTableStats(NpgsqlDataSource dataSource, TimeProvider time, ILogger<HotTableStats> logger, IMeterFactory? meters = null)
    {
        _dataSource = dataSource;
        _logger = logger;
        _rows = new(CacheFor, time, Query);
        _database = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database ?? "";
        meters?.Create(PreviewActivity.MeterName).CreateObservableGauge(
            InstrumentName, Measure, unit: "{tuple}", description: "Dead tuples of the tables dispatch updates on every send");
    }

    /// <summary>Dead tuples per table, at most <see cref="CacheFor"/> old.</summary>
    public IReadOnlyList<(string Table, long DeadTuples)> Read() => _rows.Get();

    private List<(string Table, long DeadTuples)> Query()
    {
        using var command = _dataSource.CreateCommand(
            "select relname, n_dead_tup from pg_stat_user_tables where schemaname = 'campaigns' and relname = any($1) order by relname");
        command.Parameters.Add(new() { Value = Tables });
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    private IEnumerable<Measurement<long>> Measure()
    {
        IReadOnlyList<(string Table, long DeadTuples)> rows;
        try
        {
            rows = Read();
        }
        catch (Exception ex) // a collection callback is a boundary: a database that does not answer shows as no measurement
        {
            DatabaseLog.DeadTuplesUnreadable(_logger, ex);
            return [];
        }

        return rows.Select(r => new Measurement<long>(r.DeadTuples, new("table", r.Table), new("database", _database)));
    }
}
