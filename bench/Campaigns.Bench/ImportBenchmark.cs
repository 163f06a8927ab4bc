using System.Diagnostics;
using System.Globalization;
using System.Text;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Database;
using Campaigns.Engine.Tenants;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace Campaigns.Bench;

/// <summary>
/// The contact import beside PostgreSQL's own <c>psql \copy</c> of the same file into a plain table, in one run,
/// alternating rounds so that both see the same machine load. Prints rows/s of both, the ratio, and the peak working
/// set of the import at a small and at the full size (flat memory means the two peaks are close).
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(string serverConnectionString, int rows, int rounds)
    {
        var directory = Path.Combine(Path.GetTempPath(), "campaigns-bench");
        Directory.CreateDirectory(directory);
        var small = Path.Combine(directory, "contacts-small.csv");
        var full = Path.Combine(directory, $"contacts-{rows}.csv");
        GenerateCsv(small, Math.Max(1, rows / 10));
        GenerateCsv(full, rows);
        Console.WriteLine($"file: {rows:N0} rows (phone + 5 columns), {new FileInfo(full).Length / (1024.0 * 1024):F1} MiB, mixed Kenyan spellings");

        var database = await CreateDatabaseAsync(serverConnectionString);
        await using var dataSource = Campaigns.Engine.EngineServiceCollectionExtensions.CreateDataSource(database);
        var (tenant, _) = await new TenantStore(dataSource).CreateAsync("bench", CancellationToken.None);
        var importer = new ContactImporter(dataSource, SystemClock.Instance, NullLogger<ContactImporter>.Instance);

        // Warm-up: JIT, libphonenumber metadata, connection pool.
        await ImportOnceAsync(importer, tenant, small);
        var smallPeak = (await ImportOnceAsync(importer, tenant, small)).PeakWorkingSet;
        var smallHeap = LastHeapPeak;

        var copyTimes = new List<double>();
        var importTimes = new List<double>();
        long fullPeak = 0;
        long fullHeap = 0;
        for (var round = 1; round <= rounds; round++)
        {
            copyTimes.Add(await PsqlCopyAsync(database, full));
            var import = await ImportOnceAsync(importer, tenant, full);
            importTimes.Add(import.Seconds);
            fullPeak = Math.Max(fullPeak, import.PeakWorkingSet);
            fullHeap = Math.Max(fullHeap, LastHeapPeak);
            Console.WriteLine($"round {round}: psql \\copy {copyTimes[^1]:F2} s, import {import.Seconds:F2} s, client CPU {LastCpuSeconds:F2} s ({import.Imported:N0} imported)");
        }

        var copyRate = rows / Median(copyTimes);
        var importRate = rows / Median(importTimes);
        Console.WriteLine();
        Console.WriteLine($"psql \\copy (plain table, text columns): {copyRate,12:N0} rows/s (median of {rounds})");
        Console.WriteLine($"contact import (parse, E.164, dedupe):  {importRate,12:N0} rows/s (median of {rounds})");
        Console.WriteLine($"ratio import / \\copy:                   {importRate / copyRate,12:F2}");
        Console.WriteLine($"peak working set / managed heap, {rows / 10,9:N0} rows: {smallPeak / (1024.0 * 1024),5:F0} / {smallHeap / (1024.0 * 1024),4:F0} MiB");
        Console.WriteLine($"peak working set / managed heap, {rows,9:N0} rows: {fullPeak / (1024.0 * 1024),5:F0} / {fullHeap / (1024.0 * 1024),4:F0} MiB");
        return 0;
    }

    private static async Task<(double Seconds, long PeakWorkingSet, int Imported)> ImportOnceAsync(
        ContactImporter importer, Campaigns.Domain.Tenants.TenantId tenant, string path)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        long peak = 0;
        long heapPeak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                heapPeak = Math.Max(heapPeak, GC.GetGCMemoryInfo().HeapSizeBytes);
                await Task.Delay(20, CancellationToken.None);
            }
        });

        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        var result = await importer.ImportAsync(new ContactImportRequest(tenant, "bench", "bench.csv", "KE", null), file, CancellationToken.None);
        stopwatch.Stop();
        process.Refresh();
        LastCpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        LastHeapPeak = heapPeak;
        await sampling.CancelAsync();
        await sampler;
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(result.Error.Message);
        }

        return (stopwatch.Elapsed.TotalSeconds, peak, result.Value.Imported);
    }

    private static double LastCpuSeconds { get; set; }

    /// <summary>The largest managed heap seen during the last import (after a GC: live data plus what the GC kept).</summary>
    private static long LastHeapPeak { get; set; }

    private static async Task<double> PsqlCopyAsync(string connectionString, string path)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        await using (var command = dataSource.CreateCommand(
            "drop table if exists bench_raw; create table bench_raw (phone text, first_name text, last_name text, city text, plan text, last_order text)"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var start = new ProcessStartInfo("psql",
        [
            $"host={builder.Host} port={builder.Port} user={builder.Username} dbname={builder.Database}",
            "-v", "ON_ERROR_STOP=1", "-q",
            "-c", $"\\copy bench_raw from '{path}' with (format csv, header true)",
        ]);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        stopwatch.Stop();
        return process.ExitCode == 0 ? stopwatch.Elapsed.TotalSeconds : throw new InvalidOperationException("psql \\copy failed");
    }

    private static async Task<string> CreateDatabaseAsync(string server)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("drop database if exists campaigns_bench with (force)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        var database = new NpgsqlConnectionStringBuilder(server) { Database = "campaigns_bench" }.ConnectionString;
        await DatabaseMigrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None);
        return database;
    }

    /// <summary>A deterministic list of distinct Kenyan mobile numbers in the spellings real lists mix.</summary>
    private static void GenerateCsv(string path, int rows)
    {
        if (File.Exists(path))
        {
            return;
        }

        string[] firstNames = ["Amina", "Brian", "Cynthia", "David", "Esther", "Faith", "George", "Hassan", "Irene", "James"];
        string[] lastNames = ["Mwangi", "Otieno", "Kamau", "Wanjiku", "Odhiambo", "Kiprono", "Njoroge", "Achieng"];
        string[] cities = ["Nairobi", "Mombasa", "Kisumu", "Nakuru", "Eldoret", "\"Nairobi, Westlands\""];
        string[] plans = ["free", "basic", "pro", "business"];
        var random = new Random(42);
        using var writer = new StreamWriter(path + ".tmp", false, new UTF8Encoding(false), 1 << 16);
        writer.Write("phone,first_name,last_name,city,plan,last_order\n");
        for (var i = 0; i < rows; i++)
        {
            // 7[0-2]x xxx xxx: a bijection of i keeps every number distinct.
            var national = $"7{i % 3}{(i / 3):D7}";
            var phone = (i % 4) switch
            {
                0 => "0" + national,
                1 => "+254" + national,
                2 => $"0{national[..3]} {national[3..6]} {national[6..]}",
                _ => "254" + national,
            };
            writer.Write(phone);
            writer.Write(',');
            writer.Write(firstNames[random.Next(firstNames.Length)]);
            writer.Write(',');
            writer.Write(lastNames[random.Next(lastNames.Length)]);
            writer.Write(',');
            writer.Write(cities[random.Next(cities.Length)]);
            writer.Write(',');
            writer.Write(plans[random.Next(plans.Length)]);
            writer.Write(',');
            writer.Write(new DateOnly(2026, 1, 1).AddDays(random.Next(330)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }

        writer.Close();
        File.Move(path + ".tmp", path);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
