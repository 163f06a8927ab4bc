extern alias api;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Campaigns.Bench.Cluster;
using Campaigns.Engine;
using Campaigns.Engine.Database;
using Campaigns.Engine.Jobs;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Tenants;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ApiHangfire = api::Campaigns.Api.Jobs.HangfireHostServiceCollectionExtensions;
using ApiWebhooks = api::Campaigns.Api.Webhooks.WebhookEndpoints;
using HostRoles = api::Campaigns.Api.Hosting.HostRoles;

namespace Campaigns.Bench;

/// <summary>
/// Webhook ingest and apply lag (issue 10 part 6), on one web host in this process (Kestrel on a free port) that maps the
/// Api's real receiver (<c>MapWebhooks</c>, the engine's services and its Hangfire server with whatever appliers the
/// engine registers) and a bare endpoint that only answers 200:
/// <list type="number">
/// <item>apply lag: a burst of <c>--burst</c> (100,000) <c>messages.update</c> DELIVERY_ACK for as many seeded sent
/// messages, posted by <c>--clients</c> (32) clients; p50/p99 of received_at → processed_at once all are processed, and
/// what they came to (applied by the real appliers; ignored when none is registered);</item>
/// <item>ingest: requests/s of the bare endpoint and of the receiver with the same clients and bodies (READ and later
/// statuses of the seeded messages, every one stored), alternating rounds of <c>--seconds</c> (5) each, twice; the
/// ratio receiver / bare. The processor runs meanwhile, as it would.</item>
/// </list>
/// </summary>
internal static class WebhookBenchmark
{
    private const string DatabaseName = "campaigns_bench_webhooks";
    private static readonly string[] IngestStatuses = ["READ", "PLAYED", "SERVER_ACK", "PENDING"];

    public static async Task<int> RunAsync(string[] arguments)
    {
        var options = new CommandLine(arguments, new HashSet<string>(StringComparer.Ordinal) { "keep" });
        var clients = options.Int("clients", 32);
        var burst = options.Int("burst", 100_000);
        var seconds = options.Double("seconds", 5);
        var cancel = CancellationToken.None;
        var server = BenchPostgres.ServerConnectionString();
        var database = await BenchPostgres.CreateDatabaseAsync(server, DatabaseName, cancel);
        try
        {
            await DatabaseMigrator.MigrateAsync(database, NullLogger.Instance, cancel);
            var (sender, secret) = await SeedAsync(database, burst, cancel);
            await using var app = await StartAsync(database);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = new Uri(address),
            };
            var receiver = $"/webhooks/evolution/{sender:N}/{secret}";
            var bare = $"/bench/bare/{sender:N}/{secret}";
            Console.WriteLine($"webhooks: {clients} clients, {burst:N0} seeded sent messages, {Environment.ProcessorCount} cores (host, clients and PostgreSQL share them)");

            // Warm-up (JIT, pools): a few hundred of each; the receiver's are updates no message has.
            await PostManyAsync(http, bare, clients, 500, n => Body($"WARM{n}", "SERVER_ACK", receiver), cancel);
            await PostManyAsync(http, receiver, clients, 500, n => Body($"WARM{n}", "SERVER_ACK", receiver), cancel);

            // 1. Apply lag of a burst.
            var started = Stopwatch.StartNew();
            await PostManyAsync(http, receiver, clients, burst, n => Body($"BENCH{n}", "DELIVERY_ACK", receiver), cancel);
            var posted = started.Elapsed;
            var drained = await WaitProcessedAsync(database, "u:BENCH%:DELIVERY_ACK", burst, TimeSpan.FromMinutes(15), cancel);
            var lag = await LagAsync(database, "u:BENCH%:DELIVERY_ACK", cancel);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"burst: {burst:N0} posted in {posted.TotalSeconds:F1} s ({burst / posted.TotalSeconds:N0} req/s), all processed after {drained.TotalSeconds:F1} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"apply lag (received_at → processed_at): p50 {lag.P50 * 1000:N0} ms, p99 {lag.P99 * 1000:N0} ms, max {lag.Max * 1000:N0} ms; outcomes {lag.Outcomes}"));

            // 2. Ingest, alternating so that both see the same load.
            double bareRequests = 0, bareTime = 0, realRequests = 0, realTime = 0;
            var next = 0L;
            Func<long, byte[]> ingest = n => Body("BENCH" + (n % burst), IngestStatuses[(int)(n / burst % IngestStatuses.Length)], receiver);
            for (var round = 0; round < 2; round++)
            {
                var (count, time) = await PostForAsync(http, bare, clients, TimeSpan.FromSeconds(seconds), ingest, () => Interlocked.Increment(ref next), cancel);
                (bareRequests, bareTime) = (bareRequests + count, bareTime + time);
                (count, time) = await PostForAsync(http, receiver, clients, TimeSpan.FromSeconds(seconds), ingest, () => Interlocked.Increment(ref next), cancel);
                (realRequests, realTime) = (realRequests + count, realTime + time);
            }

            var bareRate = bareRequests / bareTime;
            var realRate = realRequests / realTime;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest: bare endpoint {bareRate:N0} req/s, receiver {realRate:N0} req/s, ratio {realRate / bareRate:F2}× (targets ≥ 0.3× and ≥ 5,000 req/s)"));
            await app.StopAsync(cancel); // lets a run in progress finish before the services go
            return 0;
        }
        finally
        {
            if (!options.Flag("keep"))
            {
                await BenchPostgres.DropDatabaseAsync(server, DatabaseName);
            }
        }
    }

    /// <summary>The engine, its Hangfire server (api and worker roles) and the two endpoints, on a free port.</summary>
    private static async Task<WebApplication> StartAsync(string database)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark" }); // not Production: no key-ring certificate needed
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:Campaigns"] = database;
        builder.Services.AddCampaignsEngine(database, builder.Configuration);
        ApiHangfire.AddCampaignsHangfire(builder.Services, HostRoles.Api | HostRoles.Worker);
        var app = builder.Build();
        RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>());
        ApiWebhooks.MapWebhooks(app);
        app.MapPost("/bench/bare/{senderId:guid}/{secret}", () => Results.Ok());
        await app.StartAsync();
        return app;
    }

    /// <summary>A tenant, a sender with a known webhook secret, and a running campaign of <paramref name="messages"/> sent messages with gateway ids <c>BENCH{n}</c>.</summary>
    private static async Task<(Guid Sender, string Secret)> SeedAsync(string database, int messages, CancellationToken cancellationToken)
    {
        await using var dataSource = EngineServiceCollectionExtensions.CreateDataSource(database);
        var (tenant, _) = await new TenantStore(dataSource).CreateAsync("bench", cancellationToken);
        var sender = Guid.CreateVersion7();
        var campaign = Guid.CreateVersion7();
        var secret = WebhookSecret.Generate();
        // One statement per command: parameters make each a prepared statement.
        string[] statements =
        [
            """
            insert into campaigns.senders (id, tenant_id, name, gateway_url, instance, instance_key_protected, phone, time_zone, activated_on,
                daily_cap_min, daily_cap_max, min_interval_ms, jitter_min_ms, jitter_max_ms, webhook_secret_hash, state, state_changed_at)
            select $1, $2, 'bench', 'http://127.0.0.1:9/', 'bench', 'protected', '+254700000999', 'Africa/Nairobi', '2020-01-01',
                200, 300, 1000, 1000, 5000, $4, 'open', now() where $3::uuid is not null and $5::int is not null
            """,
            """
            insert into campaigns.campaigns (id, tenant_id, name, template, window_starts, window_ends, window_days, window_time_zone,
                max_identical, status, created_at, updated_at, started_at)
            select $3, $2, 'bench', 'Hi', '{00:00,12:00}', '{12:00,00:00}', '{1,2,3,4,5,6,7}', 'recipient', 10, 'running', now(), now(), now()
            where $1::uuid is not null and $4::bytea is not null and $5::int is not null
            """,
            "insert into campaigns.campaign_senders (campaign_id, sender_id, position) select $3, $1, 0 where $2::uuid is not null and $4::bytea is not null and $5::int is not null",
            """
            insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash, sender_id, time_zone, jid, gateway_message_id, sent_at)
            select $3, '+2547' || lpad(n::text, 8, '0'), n + 1, 'sent', 'Hi', sha256('Hi'), $1, 'Africa/Nairobi',
                   '2547' || lpad(n::text, 8, '0') || '@s.whatsapp.net', 'BENCH' || n, now()
            from generate_series(0, $5 - 1) n where $2::uuid is not null and $4::bytea is not null
            """,
        ];
        foreach (var sql in statements)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new() { Value = sender });
            command.Parameters.Add(new() { Value = tenant.Value });
            command.Parameters.Add(new() { Value = campaign });
            command.Parameters.Add(new() { Value = WebhookSecret.Hash(secret) });
            command.Parameters.Add(new() { Value = messages });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return (sender, secret);
    }

    /// <summary>A v2 <c>messages.update</c> as a real gateway posts it (with <c>apikey</c> and <c>destination</c>).</summary>
    private static byte[] Body(string waId, string status, string url) => Encoding.UTF8.GetBytes(
        $$"""
        {"event":"messages.update","instance":"bench","data":{"messageId":"cm{{waId}}","keyId":"{{waId}}","remoteJid":"254700000001@s.whatsapp.net","fromMe":true,"status":"{{status}}","instanceId":"0b6f0c6e-6c1e-4c6a-9a8f-1d2e3f4a5b6c"},"destination":"https://campaigns.example{{url}}","date_time":"2025-01-01T09:00:05.123Z","sender":"254700000999@s.whatsapp.net","server_url":"https://evo.example.com","apikey":"B6D711FCDE4D4FD5936544120E713976"}
        """);

    private static async Task PostManyAsync(HttpClient http, string path, int clients, int count, Func<long, byte[]> body, CancellationToken cancellationToken)
    {
        var next = -1L;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            long n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                await PostAsync(http, path, body(n), cancellationToken);
            }
        }));
    }

    private static async Task<(double Count, double Seconds)> PostForAsync(
        HttpClient http, string path, int clients, TimeSpan duration, Func<long, byte[]> body, Func<long> next, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var count = 0L;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                await PostAsync(http, path, body(next()), cancellationToken);
                Interlocked.Increment(ref count);
            }
        }));
        return (count, clock.Elapsed.TotalSeconds);
    }

    private static async Task PostAsync(HttpClient http, string path, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(path, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path.Split('/')[1]} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task<TimeSpan> WaitProcessedAsync(string database, string keys, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await using var command = dataSource.CreateCommand("select count(*) from campaigns.webhook_inbox where dedupe_key like $1 and processed_at is not null");
            command.Parameters.Add(new() { Value = keys });
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! >= count)
            {
                return clock.Elapsed;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The burst was not processed within {timeout}.");
    }

    private static async Task<(double P50, double P99, double Max, string Outcomes)> LagAsync(string database, string keys, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(
            """
            select percentile_cont(0.5) within group (order by lag), percentile_cont(0.99) within group (order by lag), max(lag),
                   (select string_agg(outcome || ' ' || n, ', ' order by outcome)
                    from (select outcome, count(*) n from campaigns.webhook_inbox where dedupe_key like $1 group by outcome) o)
            from (select extract(epoch from processed_at - received_at)::float8 lag from campaigns.webhook_inbox where dedupe_key like $1) l
            """);
        command.Parameters.Add(new() { Value = keys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetString(3));
    }
}
