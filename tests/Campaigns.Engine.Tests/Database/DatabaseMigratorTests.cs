using Campaigns.Engine.Database;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaigns.Engine.Tests.Database;

public sealed class DatabaseMigratorTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task MigrateAsync_AlreadyMigratedConcurrently_IsANoOp()
    {
        var cancel = TestContext.Current.CancellationToken;

        await Task.WhenAll(
            DatabaseMigrator.MigrateAsync(database.ConnectionString, NullLogger.Instance, cancel),
            DatabaseMigrator.MigrateAsync(database.ConnectionString, NullLogger.Instance, cancel));

        await using var command = database.DataSource.CreateCommand(
            "select count(*), count(distinct scriptname) from public.schema_versions");
        await using var reader = await command.ExecuteReaderAsync(cancel);
        await reader.ReadAsync(cancel);
        Assert.True(reader.GetInt64(0) > 0);
        Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
    }

    [Fact]
    public async Task MigrateAsync_CreatesTheCampaignsSchema()
    {
        await using var command = database.DataSource.CreateCommand(
            "select count(*) from information_schema.tables where table_schema = 'campaigns'");
        Assert.True((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! >= 6);
    }
}
