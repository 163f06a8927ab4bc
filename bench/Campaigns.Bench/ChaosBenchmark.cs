using System.Diagnostics;
using System.Globalization;
using Campaigns.Bench.Cluster;

namespace Campaigns.Bench;

/// <summary>
/// Chaos: two Api processes (each with its Hangfire server) on one PostgreSQL and the sandbox; a campaign over a few
/// senders; <c>kill -9</c> of one Api process while sends are in flight, a restart, and the campaign left to complete.
/// Then the record is checked: nobody sent twice, no two sends of one number under 1 s apart at the gateway, every
/// recipient sent, skipped, failed or unknown, our record agreeing with the gateway's, and a clean sandbox audit.
/// </summary>
internal static class ChaosBenchmark
{
    /// <summary>The <c>chaos</c> command: prints the run and answers 0 when every check passed, 1 when one failed.</summary>
    public static async Task<int> RunAsync(IEnumerable<string> arguments)
    {
        var line = new CommandLine(arguments, CommandLine.ClusterFlags);
        var options = new ChaosOptions
        {
            Senders = line.Int("senders", 4),
            Recipients = line.Int("recipients", 60),
            LatencyMs = line.Range("latency", (200, 800)),
            KillAfter = line.Double("kill-after", 0.3),
            Downtime = TimeSpan.FromSeconds(line.Double("downtime", 3)),
            Timeout = TimeSpan.FromSeconds(line.Double("timeout", 300)),
            ApiSettings = ChaosOptions.DefaultApiSettings.Concat(line.Settings("api-setting"))
                .GroupBy(s => s.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            Build = !line.Flag("no-build"),
            KeepDatabase = line.Flag("keep"),
        };
        var report = await ExecuteAsync(options, Console.Out, CancellationToken.None);
        return report.Passed ? 0 : 1;
    }

    /// <summary>One chaos run, printed to <paramref name="log"/>; the core of the command, callable from a test.</summary>
    public static async Task<ChaosReport> ExecuteAsync(ChaosOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var instances = SandboxInstance.Numbered(options.Senders);
        await using var cluster = await BenchCluster.StartAsync(
            new ClusterOptions
            {
                Name = "chaos",
                ApiProcesses = 2,
                Instances = instances,
                ApiSettings = options.ApiSettings,
                SendLatencyMs = options.LatencyMs,
                LogLevel = options.LogLevel,
                Build = options.Build,
                KeepDatabase = options.KeepDatabase,
            },
            log,
            cancellationToken);
        log.WriteLine($"chaos: {options.Senders} senders ({options.Pacing}), {options.Recipients} recipients, sandbox latency " +
            $"{options.LatencyMs.Min}–{options.LatencyMs.Max} ms, 2 Api processes; logs in {cluster.Folder}");

        using var api = cluster.Api(0);
        var campaign = await CampaignScenario.ReadyAsync(
            api, cluster.Sandbox.BaseAddress, instances, options.Pacing, options.Recipients, log, cancellationToken);
        await api.StartAsync(campaign, cancellationToken);
        var started = Stopwatch.StartNew();
        var failures = new List<string>();
        ServiceProcess? victim = null;
        var inFlight = 0;
        try
        {
            (victim, inFlight) = await KillMidCampaignAsync(cluster, campaign, options, log, cancellationToken);
            await Task.Delay(options.Downtime, cancellationToken);
            await victim.StartAsync(cancellationToken);
            log.WriteLine($"{started.Elapsed.TotalSeconds,6:F1} s  {victim.Name} started again (pid {victim.Pid})");
            await CampaignScenario.WaitCompletedAsync(
                cluster.DataSource, campaign, options.Timeout - started.Elapsed, TimeSpan.FromSeconds(10), log, cancellationToken);
            log.WriteLine($"{started.Elapsed.TotalSeconds,6:F1} s  campaign completed");
        }
        catch (TimeoutException e)
        {
            failures.Add(e.Message); // the checks below still say what the record shows
        }

        return await CheckAsync(cluster, campaign, instances, options, victim?.Name, inFlight, failures, log, cancellationToken);
    }

    /// <summary>
    /// Waits until <see cref="ChaosOptions.KillAfter"/> of the recipients are sent and a send is in flight, then kills
    /// the Api process that claimed the sends in flight (its pid in <c>claimed_by</c>), else the first.
    /// </summary>
    private static async Task<(ServiceProcess Victim, int InFlight)> KillMidCampaignAsync(
        BenchCluster cluster, Guid campaign, ChaosOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var threshold = (long)Math.Ceiling(options.Recipients * options.KillAfter);
        var waited = Stopwatch.StartNew();
        TimeSpan? reached = null;
        while (true)
        {
            var counts = await CampaignScenario.CountsAsync(cluster.DataSource, campaign, cancellationToken);
            var sent = counts.Where(c => MessageRecord.Sent.Contains(c.Key)).Sum(c => c.Value);
            var sending = counts.GetValueOrDefault("sending");
            if (sent >= threshold)
            {
                reached ??= waited.Elapsed;
                // Kill with sends in flight if that comes within 10 s of the threshold; else kill anyway.
                if (sending > 0 || waited.Elapsed - reached > TimeSpan.FromSeconds(10))
                {
                    var claimers = await ClaimersAsync(cluster, campaign, cancellationToken);
                    var victim = cluster.Apis.FirstOrDefault(a => a.Pid is { } pid && claimers.Any(c => ContainsPid(c, pid))) ?? cluster.Apis[0];
                    victim.Kill();
                    log.WriteLine($"{waited.Elapsed.TotalSeconds,6:F1} s  kill -9 {victim.Name} with {sent} sent and {sending} in flight " +
                        $"(claimed by: {(claimers.Count == 0 ? "-" : string.Join(", ", claimers))})");
                    return (victim, (int)sending);
                }
            }

            if (waited.Elapsed > options.Timeout)
            {
                throw new TimeoutException($"Only {sent} of {threshold} sends after {options.Timeout.TotalSeconds:F0} s: {CampaignScenario.Describe(counts)}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string>> ClaimersAsync(BenchCluster cluster, Guid campaign, CancellationToken cancellationToken)
    {
        await using var command = cluster.DataSource.CreateCommand(
            "select distinct claimed_by from campaigns.messages where campaign_id = $1 and status = 'sending' and claimed_by is not null");
        command.Parameters.Add(new() { Value = campaign });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimers = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimers.Add(reader.GetString(0));
        }

        return claimers;
    }

    /// <summary>Whether <paramref name="claimer"/> names process <paramref name="pid"/> (the pid as a whole number within it).</summary>
    private static bool ContainsPid(string claimer, int pid) =>
        System.Text.RegularExpressions.Regex.IsMatch(claimer, $@"(?<!\d){pid.ToString(CultureInfo.InvariantCulture)}(?!\d)");

    private static async Task<ChaosReport> CheckAsync(
        BenchCluster cluster, Guid campaign, IReadOnlyList<SandboxInstance> instances, ChaosOptions options, string? killed, int inFlight,
        List<string> failures, TextWriter log, CancellationToken cancellationToken)
    {
        var sends = await cluster.SandboxApi.SendsAsync(cancellationToken);
        var gateway = GatewayRecord.Of(sends, instances.ToDictionary(i => i.Name, i => i.Number, StringComparer.Ordinal), 1000);
        var messages = await MessageRecord.ReadAsync(cluster.DataSource, campaign, cancellationToken);
        var audit = AuditSummary.Of(await cluster.SandboxApi.AuditAsync(cancellationToken));
        var statuses = messages.GroupBy(m => m.Status, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

        if (killed is null)
        {
            failures.Add("no Api process was killed");
        }

        var status = await CampaignScenario.StatusAsync(cluster.DataSource, campaign, cancellationToken);
        if (status != "completed")
        {
            failures.Add($"the campaign is '{status}', not completed");
        }

        if (gateway.DuplicateSends > 0)
        {
            failures.Add($"{gateway.DuplicateSends} duplicate sends (recipients sent more than once: {string.Join(", ", gateway.DuplicatedRecipients.Take(5))})");
        }

        if (gateway.GapsUnderFloor > 0)
        {
            failures.Add($"{gateway.GapsUnderFloor} gaps under 1 s between two sends of one number (smallest {gateway.SmallestGapMs:F0} ms)");
        }

        var unhandled = messages.Where(m => !MessageRecord.Handled.Contains(m.Status)).ToArray();
        if (unhandled.Length > 0)
        {
            failures.Add($"{unhandled.Length} recipients neither sent, skipped, failed nor unknown ({CampaignScenario.Describe(statuses)})");
        }

        if (messages.Count != options.Recipients)
        {
            failures.Add($"{messages.Count} messages for {options.Recipients} recipients");
        }

        // Our record against the gateway's: a message we call sent was received once; one the gateway received is sent
        // (or unknown: reconciliation could not tell, and a person decides) in ours.
        var byPhone = messages.ToDictionary(m => m.Digits, StringComparer.Ordinal);
        var lost = messages.Where(m => MessageRecord.Sent.Contains(m.Status) && !gateway.SentByRecipient.ContainsKey(m.Digits)).ToArray();
        if (lost.Length > 0)
        {
            failures.Add($"{lost.Length} messages recorded sent that the gateway never received");
        }

        var misrecorded = gateway.SentByRecipient.Keys
            .Where(phone => !byPhone.TryGetValue(phone, out var m) || !(MessageRecord.Sent.Contains(m.Status) || m.Status == "unknown"))
            .ToArray();
        if (misrecorded.Length > 0)
        {
            failures.Add($"{misrecorded.Length} recipients received a message that our record does not call sent or unknown");
        }

        if (audit.Total > 0)
        {
            failures.Add($"sandbox audit: {audit} violations");
        }

        var unknownButReceived = messages.Count(m => m.Status == "unknown" && gateway.SentByRecipient.ContainsKey(m.Digits));
        log.WriteLine();
        log.WriteLine($"recipients:                          {options.Recipients,8}");
        log.WriteLine($"statuses:                            {CampaignScenario.Describe(statuses)}");
        log.WriteLine($"sends received by the gateway:       {gateway.Sent,8} (of {gateway.Attempts} attempts)");
        log.WriteLine($"duplicates (recipient sent twice):   {gateway.DuplicateSends,8}");
        log.WriteLine($"gaps under 1 s per number:           {gateway.GapsUnderFloor,8} (smallest {gateway.SmallestGapMs:F0} ms over {gateway.Pairs} gaps)");
        log.WriteLine($"unknown but received by the gateway: {unknownButReceived,8}");
        log.WriteLine($"sandbox audit violations:            {audit,8}");
        log.WriteLine($"killed:                              {(killed is null ? "nothing (no kill happened)" : $"{killed} with {inFlight} sends in flight")}");
        log.WriteLine(failures.Count == 0 ? "chaos: PASSED" : "chaos: FAILED\n  " + string.Join("\n  ", failures));
        return new ChaosReport(failures, options.Recipients, gateway.Sent, gateway.DuplicateSends, gateway.GapsUnderFloor, audit.Total, statuses, killed, inFlight);
    }
}
