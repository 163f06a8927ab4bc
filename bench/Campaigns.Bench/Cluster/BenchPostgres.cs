using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Campaigns.Bench.Cluster;

/// <summary>
/// The PostgreSQL server of a bench run: the one named by <c>CAMPAIGNS_BENCH_POSTGRES</c> (a connection string), else the
/// project's throwaway cluster (<c>scripts/postgres.sh start</c>, idempotent). Each cluster run gets a fresh database.
/// </summary>
internal static class BenchPostgres
{
    public const string EnvironmentVariable = "CAMPAIGNS_BENCH_POSTGRES";

    public static string ServerConnectionString()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "postgres.sh"), "start"])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("Could not run scripts/postgres.sh.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh start failed ({process.ExitCode}).");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
    }

    public static string WithDatabase(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    /// <summary>Creates an empty database (the hosts migrate it when they start) and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string server, string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(WithDatabase(server, "postgres"));
        await connection.OpenAsync(cancellationToken);
        await using (var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", connection))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand($"create database {name}", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return WithDatabase(server, name);
    }

    public static async Task DropDatabaseAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(WithDatabase(server, "postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The postmaster's process id: line 1 of <c>&lt;data directory&gt;/postmaster.pid</c>, else (the file unreadable) the
    /// parent of this connection's backend. Null when the server is not on this machine.
    /// </summary>
    public static async Task<int?> PostmasterPidAsync(string server, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(WithDatabase(server, "postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select current_setting('data_directory'), pg_backend_pid()", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var dataDirectory = reader.GetString(0);
        var backend = reader.GetInt32(1);
        try
        {
            var line = (await File.ReadAllLinesAsync(Path.Combine(dataDirectory, "postmaster.pid"), cancellationToken))[0].Trim();
            return int.Parse(line, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return ProcessCpu.Read(backend)?.ParentPid;
        }
    }
}
