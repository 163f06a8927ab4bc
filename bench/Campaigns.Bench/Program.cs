using System.Globalization;
using Campaigns.Bench;
using Campaigns.Bench.Cluster;

// dotnet run -c Release --project bench/Campaigns.Bench -- import [rows] [rounds]
// dotnet run -c Release --project bench/Campaigns.Bench -- prepare [recipients] [rounds]
// dotnet run -c Release --project bench/Campaigns.Bench -- chaos [--senders 4] [--recipients 60] [--latency 200-800] [--kill-after 0.3] …
// dotnet run -c Release --project bench/Campaigns.Bench -- webhooks [--clients 32] [--burst 100000] [--seconds 5]
// dotnet run -c Release --project bench/Campaigns.Bench -- claim [--senders 100] [--messages 50] [--directs 500] [--history 0] [--rounds 200]
// dotnet run -c Release --project bench/Campaigns.Bench -- scale [--senders 1000] [--messages 20] [--latency 500-3000] [--processes 2] …
// The PostgreSQL server comes from CAMPAIGNS_BENCH_POSTGRES, else from scripts/postgres.sh (started if need be).
switch (args)
{
    case ["chaos", .. var options]:
        return await ChaosBenchmark.RunAsync(options);
    case ["scale", .. var options]:
        return await ScaleBenchmark.RunAsync(options);
    case ["claim", .. var options]:
        return await ClaimBenchmark.RunAsync(options);
    case ["webhooks", .. var options]:
        return await WebhookBenchmark.RunAsync(options);
    case [("import" or "prepare"), ..]:
        var size = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var server = BenchPostgres.ServerConnectionString();
        return args[0] == "import"
            ? await ImportBenchmark.RunAsync(server, size, rounds)
            : await PrepareBenchmark.RunAsync(server, size, rounds);
    default:
        Console.Error.WriteLine("usage: Campaigns.Bench import [rows=1000000] [rounds=3]");
        Console.Error.WriteLine("       Campaigns.Bench prepare [recipients=1000000] [rounds=3]");
        Console.Error.WriteLine("       Campaigns.Bench chaos [--senders 4] [--recipients 60] [--latency 200-800] [--kill-after 0.3] [--downtime 3]");
        Console.Error.WriteLine("                             [--timeout 300] [--api-setting Key=Value]… [--no-build] [--keep]");
        Console.Error.WriteLine("       Campaigns.Bench scale [--senders 1000] [--messages 20] [--latency 500-3000] [--processes 2] [--min-interval 1000]");
        Console.Error.WriteLine("                             [--jitter 1000-5000] [--timeout 1200] [--api-setting Key=Value]… [--no-build] [--keep]");
        Console.Error.WriteLine("       Campaigns.Bench claim [--senders 100] [--messages 50] [--directs 500] [--history 0] [--rounds 200]");
        Console.Error.WriteLine("       Campaigns.Bench webhooks [--clients 32] [--burst 100000] [--seconds 5] [--keep]");
        return 2;
}
