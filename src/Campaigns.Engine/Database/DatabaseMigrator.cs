using System.Globalization;
using DbUp;
using DbUp.Engine.Output;
using Campaigns.Engine.Jobs;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Campaigns.Engine.Database;

/// <summary>
/// Brings the database schema up to date with the SQL scripts embedded in this assembly
/// (<c>Database/Migrations/NNNN_name.sql</c>, applied once each, in name order, journaled in
/// <c>public.schema_versions</c>), then Hangfire's schema (<see cref="HangfireSchema"/>). Several processes may start at
/// once: an advisory lock makes them take turns.
/// </summary>
/// <remarks>
/// DbUp was picked over FluentMigrator and Evolve: migrations stay plain PostgreSQL (the schema is written in the
/// dialect it runs on), it is small, maintained, and it journals each script in its own transaction.
/// </remarks>
internal static class DatabaseMigrator
{
    // Any constant unique to this application; pg_advisory_lock keys are one bigint namespace per database.
    private const long MigrationLockKey = 0x43_61_6D_70_61_69_67_6E; // "Campaign"

    public static async Task MigrateAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);

        try
        {
            EnsureDatabase.For.PostgresqlDatabase(connectionString, new UpgradeLogAdapter(logger));
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another process starting on the same new server created it between DbUp's check and its CREATE DATABASE.
        }

        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("select pg_advisory_lock(@key)", lockConnection))
        {
            command.Parameters.AddWithValue("key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.EndsWith(".sql", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .JournalToPostgresqlTable("public", "schema_versions")
                .LogTo(new UpgradeLogAdapter(logger))
                .Build();
            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException($"Database migration {result.ErrorScript?.Name} failed.", result.Error);
            }

            var applied = result.Scripts.Count();
            DatabaseLog.Migrated(logger, applied);

            // Hangfire's tables, under the same lock: servers never install them (see HangfireSchema).
            HangfireSchema.Install(lockConnection);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(@key)", lockConnection);
            unlock.Parameters.AddWithValue("key", MigrationLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private sealed class UpgradeLogAdapter(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);

        public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

        // DbUp narrates every step at Information; one line of ours says what happened.
        public void LogInformation(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

        public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);

        public void LogError(string format, params object[] args) => Write(LogLevel.Error, null, format, args);

        public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Error, ex, format, args);

        private void Write(LogLevel level, Exception? exception, string format, object[] args)
        {
            if (logger.IsEnabled(level))
            {
#pragma warning disable CA1873 // guarded by IsEnabled just above
                DatabaseLog.Migration(logger, level, exception, string.Format(CultureInfo.InvariantCulture, format, args));
#pragma warning restore CA1873
            }
        }
    }
}
