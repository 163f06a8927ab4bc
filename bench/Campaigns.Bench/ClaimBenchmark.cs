using System.Diagnostics;
using System.Globalization;
using Campaigns.Bench.Cluster;
using Campaigns.Domain.Pacing;
using Campaigns.Engine.Database;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Tenants;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Campaigns.Bench;

/// <summary>
/// The claim (<see cref="DispatchClaimer"/>) alone, in one process against PostgreSQL: <c>senders</c> open senders share
/// one running campaign of <c>messages</c> queued messages each; sender 0 also has <c>directs</c> queued direct sends
/// (kind 'direct', one message each) and <c>history</c> completed ones. Every round makes every number due and claims
/// them all in one claim (as a loop does), then puts the claimed messages back, so each round sees the same queue.
/// Prints each scenario's claim time (median, p95) and per claimed send. Scenarios alternate rounds so that all see the
/// same machine load.
/// </summary>
internal static class ClaimBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var senders = Option(args, "--senders", 100);
        var messages = Option(args, "--messages", 50);
        var directs = Option(args, "--directs", 500);
        var history = Option(args, "--history", 0);
        var rounds = Option(args, "--rounds", 200);
        var server = BenchPostgres.ServerConnectionString();
        string[] names = ["none", $"{directs} queued direct sends on sender 0"];
        if (history > 0)
        {
            names = [.. names, $"{history} completed direct sends on sender 0 (none queued)"];
        }

        var claimers = new List<(string Name, NpgsqlDataSource Data, DispatchClaimer Claimer, List<double> Times, List<int> Sends)>();
        for (var i = 0; i < names.Length; i++)
        {
            var database = await BenchPostgres.CreateDatabaseAsync(server, $"campaigns_bench_claim_{i}", CancellationToken.None);
            await DatabaseMigrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None);
            var data = Campaigns.Engine.EngineServiceCollectionExtensions.CreateDataSource(database);
            await SeedAsync(data, senders, messages, i == 1 ? directs : 0, i == 2 ? history : 0);
            var claimer = new DispatchClaimer(
                data, Options.Create(new DispatchOptions()), new SeededRandomSource(1), TimeProvider.System, new DispatchMetrics(),
                Options.Create(new PacingOptions()));
            claimers.Add((names[i], data, claimer, [], []));
        }

        Console.WriteLine($"claim: {senders} senders × {messages} queued campaign messages, demand 256, {rounds} rounds per scenario");
        for (var round = 0; round < rounds + 5; round++)
        {
            foreach (var (_, data, claimer, times, sends) in claimers)
            {
                await ResetAsync(data);
                var stopwatch = Stopwatch.StartNew();
                var claim = await claimer.ClaimAsync(256, "bench", CancellationToken.None);
                stopwatch.Stop();
                if (round >= 5) // warm-up rounds not counted
                {
                    times.Add(stopwatch.Elapsed.TotalMilliseconds);
                    sends.Add(claim.Sends.Count);
                }
            }
        }

        foreach (var (name, data, _, times, sends) in claimers)
        {
            times.Sort();
            var median = times[times.Count / 2];
            var p95 = times[(int)(times.Count * 0.95)];
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-52} median {median,7:F2} ms  p95 {p95,7:F2} ms  sends/claim {sends.Average(),5:F0}  {median * 1000 / sends.Average(),6:F0} µs/send"));
            await data.DisposeAsync();
        }

        return 0;
    }

    private static async Task SeedAsync(NpgsqlDataSource data, int senders, int messages, int directs, int history)
    {
        var (tenant, _) = await new TenantStore(data).CreateAsync("bench", CancellationToken.None);
        // Several statements in one command (no parameters: the values are the benchmark's own numbers and id).
        await using var command = data.CreateCommand(
            $$"""
            insert into campaigns.senders (id, tenant_id, name, gateway_url, instance, instance_key_protected, phone, time_zone, activated_on,
                daily_cap_min, daily_cap_max, min_interval_ms, jitter_min_ms, jitter_max_ms, webhook_secret_hash, state, state_changed_at, pacing_profile)
            select gen_random_uuid(), '{{tenant.Value}}', 'sender ' || i, 'http://127.0.0.1:9/', 'i' || i, 'key', '+2547' || lpad(i::text, 8, '0'), 'UTC',
                   '2020-01-01', 300, 300, 1000, 0, 0, '\x00', 'open', now(), 'floor'
              from generate_series(0, {{senders}} - 1) i;
            insert into campaigns.numbers (phone) select phone from campaigns.senders;
            insert into campaigns.campaigns (id, tenant_id, name, template, window_starts, window_ends, window_days, window_time_zone,
                max_identical, status, created_at, updated_at, started_at, kind)
            values ('00000000-0000-7000-8000-000000000001', '{{tenant.Value}}', 'campaign', 'Hi', '{00:00,12:00}', '{12:00,00:00}', '{1,2,3,4,5,6,7}',
                    'UTC', 10, 'running', now(), now(), now(), 'campaign');
            insert into campaigns.campaign_senders (campaign_id, sender_id, position)
            select '00000000-0000-7000-8000-000000000001', id, row_number() over (order by instance)::smallint from campaigns.senders;
            insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash, sender_id, jid)
            select '00000000-0000-7000-8000-000000000001', '+2541' || lpad((s.n * {{messages}} + j)::text, 8, '0'), s.n * {{messages}} + j + 1, 'queued',
                   'Hello ' || s.n || '/' || j, sha256(convert_to('Hello ' || s.n || '/' || j, 'UTF8')), s.id, '2541' || lpad((s.n * {{messages}} + j)::text, 8, '0') || '@s.whatsapp.net'
              from (select id, (row_number() over (order by instance) - 1)::int as n from campaigns.senders) s, generate_series(0, {{messages}} - 1) j;
            -- direct sends on sender 0: {{directs}} queued (running), {{history}} done (completed, their message sent)
            insert into campaigns.campaigns (id, tenant_id, name, template, window_starts, window_ends, window_days, window_time_zone,
                max_identical, status, created_at, updated_at, started_at, kind, origin)
            select gen_random_uuid(), '{{tenant.Value}}', 'direct', 'Order ' || d, '{00:00,12:00}', '{12:00,00:00}', '{1,2,3,4,5,6,7}', 'UTC', 10,
                   case when d < {{directs}} then 'running' else 'completed' end, now() - make_interval(secs => d), now(), now(), 'direct', 'api'
              from generate_series(0, {{directs}} + {{history}} - 1) d;
            insert into campaigns.campaign_senders (campaign_id, sender_id, position)
            select k.id, (select id from campaigns.senders where instance = 'i0'), 0 from campaigns.campaigns k where k.kind = 'direct';
            insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash, sender_id, jid)
            select k.id, '+2549' || lpad(row_number() over (order by k.id)::text, 8, '0'), 0,
                   case when k.status = 'running' then 'queued' else 'sent' end, k.template, sha256(convert_to(k.template, 'UTF8')),
                   (select id from campaigns.senders where instance = 'i0'), '2549' || lpad(row_number() over (order by k.id)::text, 8, '0') || '@s.whatsapp.net'
              from campaigns.campaigns k where k.kind = 'direct';
            analyze;
            """);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Puts claimed messages back and makes every number due with a fresh day, the recipients' periods forgotten.</summary>
    private static async Task ResetAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand(
            """
            update campaigns.messages set status = 'queued' where status = 'sending';
            update campaigns.numbers set next_send_at = now() - interval '1 second', last_sent_at = null, sent_today = 0, recent_sends = '{}';
            delete from campaigns.recipients;
            update campaigns.campaign_senders set last_claimed_at = null where last_claimed_at is not null;
            """);
        await command.ExecuteNonQueryAsync();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
