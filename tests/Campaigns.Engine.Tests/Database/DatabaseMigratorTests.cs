using Campaigns.Engine.Database;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Campaigns.Engine.Tests.Database;

public sealed class DatabaseMigratorTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    /// <summary>Every table of schema <c>campaigns</c> that the migrations create, and no other.</summary>
    private static readonly string[] Tables =
    [
        "alert_endpoints", "alert_outbox",
        "api_keys", "campaign_events", "campaign_senders", "campaigns", "contact_import_errors", "contact_lists", "contacts",
        "data_protection_keys", "dispatch_loops", "gateways", "messages", "number_checks", "numbers", "recipients", "replies", "sender_health",
        "senders", "suppressions", "tenants", "webhook_inbox",
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigrateAsync_FreshDatabaseFromSeveralProcessesAtOnce_AppliesEachScriptOnce()
    {
        var connectionString = await PostgresServer.NewDatabaseNameAsync();
        try
        {
            // Four servers starting at once on a new deployment: each creates the database if missing and migrates it.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                Task.Run(() => DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, Cancel), Cancel)));

            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var journal = await ListAsync(dataSource, "select scriptname from public.schema_versions order by scriptname");
            Assert.Equal(EmbeddedScripts(), journal);
            Assert.Equal(Tables, await ListAsync(dataSource, TablesSql));
            // Hangfire's schema, installed once by the migrator (its servers do not prepare it), at the storage's latest version.
            Assert.Equal(["1"], await ListAsync(dataSource, "select count(*)::text from hangfire.schema"));
            Assert.Contains("jobqueue", await ListAsync(dataSource, "select table_name from information_schema.tables where table_schema = 'hangfire'"));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task MigrateAsync_CreatesTheCampaignsTables()
    {
        Assert.Equal(Tables, await ListAsync(database.DataSource, TablesSql));
    }

    private const string TablesSql =
        "select table_name from information_schema.tables where table_schema = 'campaigns' order by table_name collate \"C\"";

    private static string[] EmbeddedScripts() =>
        typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static async Task<string[]> ListAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var values = new List<string>();
        while (await reader.ReadAsync(Cancel))
        {
            values.Add(reader.GetString(0));
        }

        return [.. values];
    }
}
