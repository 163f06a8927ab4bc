using System.Diagnostics;
using System.Globalization;
using Campaigns.Bench;

// dotnet run -c Release --project bench/Campaigns.Bench -- import [rows] [rounds]
// dotnet run -c Release --project bench/Campaigns.Bench -- prepare [recipients] [rounds]
// The PostgreSQL server comes from CAMPAIGNS_BENCH_POSTGRES, else from scripts/postgres.sh (started if need be).
if (args is not [("import" or "prepare"), ..])
{
    Console.Error.WriteLine("usage: Campaigns.Bench import [rows=1000000] [rounds=3]");
    Console.Error.WriteLine("       Campaigns.Bench prepare [recipients=1000000] [rounds=3]");
    return 2;
}

var size = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var server = Environment.GetEnvironmentVariable("CAMPAIGNS_BENCH_POSTGRES") is { Length: > 0 } configured
    ? configured
    : StartPostgres();
return args[0] == "import"
    ? await ImportBenchmark.RunAsync(server, size, rounds)
    : await PrepareBenchmark.RunAsync(server, size, rounds);

static string StartPostgres()
{
    var root = AppContext.BaseDirectory;
    while (!File.Exists(Path.Combine(root, "Campaigns.sln")))
    {
        root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Campaigns.sln not found");
    }

    using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "postgres.sh"), "start"])
    {
        RedirectStandardOutput = true,
    })!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
}
