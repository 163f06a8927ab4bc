using Npgsql;

namespace Campaigns.Tests.Shared;

/// <summary>A class fixture: a migrated database of the test class's own, dropped when the class is done.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialised.");

    internal NpgsqlDataSource DataSource { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        DataSource = Campaigns.Engine.EngineServiceCollectionExtensions.CreateDataSource(_connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (_connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }
}
