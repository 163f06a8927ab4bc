using System.Diagnostics;
using System.Security.Cryptography;
using Campaigns.Engine.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Campaigns.Tests.Shared;

/// <summary>
/// The PostgreSQL server of a test run: the one named by <c>CAMPAIGNS_TEST_POSTGRES</c> (a connection string), or else the
/// project's throwaway cluster, started by <c>scripts/postgres.sh</c> (idempotent, so every test assembly of a run shares it).
/// Migrations run once into a template database named after their content; each test class then gets its own database
/// cloned from it, which takes milliseconds.
/// </summary>
internal static class PostgresServer
{
    public const string EnvironmentVariable = "CAMPAIGNS_TEST_POSTGRES";

    private static readonly Lazy<Task<(string Server, string Template)>> Setup = new(SetUpAsync);

    /// <summary>Creates an empty, migrated database of its own and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var (server, template) = await Setup.Value;
        var name = "campaigns_test_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(WithDatabase(server, "postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"create database {name} template {template}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return WithDatabase(server, name);
    }

    /// <summary>
    /// The connection string of a database of its own that does not exist yet (nothing migrated, nothing created), for
    /// tests of what creates and migrates one. Drop it with <see cref="DropDatabaseAsync"/>.
    /// </summary>
    public static async Task<string> NewDatabaseNameAsync()
    {
        var (server, _) = await Setup.Value;
        return WithDatabase(server, "campaigns_test_" + Guid.NewGuid().ToString("N"));
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var (server, _) = await Setup.Value;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(WithDatabase(server, "postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists {name} with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(string, string)> SetUpAsync()
    {
        var server = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : await StartClusterAsync();
        var template = "campaigns_template_" + MigrationsFingerprint();

        await using var connection = new NpgsqlConnection(WithDatabase(server, "postgres"));
        await connection.OpenAsync();
        // Test assemblies run in parallel processes: the first builds the template, the others wait for it.
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_lock(4242)", connection))
        {
            await lockCommand.ExecuteNonQueryAsync();
        }

        try
        {
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
            {
                Parameters = { new() { Value = template } },
            };
            if (await exists.ExecuteScalarAsync() is null)
            {
                var building = template + "_building";
                await ExecuteAsync(connection, $"drop database if exists {building} with (force)");
                await ExecuteAsync(connection, $"create database {building}");
                await DatabaseMigrator.MigrateAsync(WithDatabase(server, building), NullLogger.Instance, CancellationToken.None);
                NpgsqlConnection.ClearAllPools(); // a template must have no open connections to be cloned
                await ExecuteAsync(connection, $"alter database {building} rename to {template}");
            }
        }
        finally
        {
            await ExecuteAsync(connection, "select pg_advisory_unlock(4242)");
        }

        return (server, template);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>A short hash of the embedded migration scripts, so that a changed migration gets a fresh template.</summary>
    private static string MigrationsFingerprint()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            hash.AppendData(memory.ToArray());
        }

        // The Hangfire schema is installed by the migrator from the storage's own scripts: a new version, a new template.
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(typeof(Hangfire.PostgreSql.PostgreSqlStorage).Assembly.FullName!));
        return Convert.ToHexString(hash.GetHashAndReset())[..12].ToLowerInvariant();
    }

    private static async Task<string> StartClusterAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "postgres.sh");
        var start = new ProcessStartInfo("bash", [script, "start"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run scripts/postgres.sh.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh start failed ({process.ExitCode}):\n{await errors}");
        }

        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Campaigns.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Campaigns.sln not found above " + AppContext.BaseDirectory);
    }
}
