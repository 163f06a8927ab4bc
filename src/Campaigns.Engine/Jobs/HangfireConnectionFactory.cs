using Hangfire.PostgreSql;
using Npgsql;

namespace Campaigns.Engine.Jobs;

/// <summary>
/// Hangfire's connections, from a data source of their own: plain types (Hangfire reads timestamps as
/// <see cref="DateTime"/>, which NodaTime's plugin would not give it) and <c>Application Name = hangfire</c>, so that
/// its share of the load shows in <c>pg_stat_activity</c>. Hangfire.PostgreSql 1.21 has no overload taking a data
/// source; this factory is its documented way in.
/// </summary>
internal sealed class HangfireConnectionFactory : IConnectionFactory, IDisposable
{
    public const string ApplicationName = "hangfire";

    private readonly NpgsqlDataSource _dataSource;

    public HangfireConnectionFactory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName = ApplicationName;
        _dataSource = builder.Build();
    }

    /// <summary>A new, closed connection from the pool; Hangfire opens it and disposes of it.</summary>
    public NpgsqlConnection GetOrCreateConnection() => _dataSource.CreateConnection();

    public void Dispose() => _dataSource.Dispose();
}
