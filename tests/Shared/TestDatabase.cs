using Campaigns.Engine.Jobs;
using Hangfire.PostgreSql;
using Npgsql;

namespace Campaigns.Tests.Shared;

/// <summary>A class fixture: a migrated database of the test class's own, dropped when the class is done.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialised.");

    internal NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>Hangfire's storage on this database (schema <c>hangfire</c>, installed by the migrations), as the hosts configure it.</summary>
    internal PostgreSqlStorage JobStorage { get; private set; } = null!;

    private HangfireConnectionFactory? _hangfireConnections;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        DataSource = Campaigns.Engine.EngineServiceCollectionExtensions.CreateDataSource(_connectionString);
        _hangfireConnections = new HangfireConnectionFactory(_connectionString);
        JobStorage = JobStorageServiceCollectionExtensions.CreateStorage(_hangfireConnections, new HangfireOptions());
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        _hangfireConnections?.Dispose();
        if (_connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }
}
