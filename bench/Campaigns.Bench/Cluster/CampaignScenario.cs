using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Campaigns.Bench.Cluster;

/// <summary>
/// The campaign a bench run sends, made through the REST API as a user would: senders registered on the sandbox's
/// instances, a generated CSV imported, a campaign over those senders created and prepared (polled until
/// <c>ready</c>), then started.
/// </summary>
internal static class CampaignScenario
{
    /// <summary>
    /// A list of <paramref name="recipients"/> distinct Kenyan mobile numbers (+254 70/71/72 …), each with a name and a
    /// code of its own, so that every body differs (the identical-body rule holds whatever the split over senders).
    /// </summary>
    public static string Csv(int recipients)
    {
        var csv = new StringBuilder("phone,name,code\n", (recipients + 1) * 40);
        for (var i = 0; i < recipients; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"+2547{i % 3}{i / 3:D7},Person {i},C{i:D6}\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// The campaign, ready to start: one sender per instance, <paramref name="recipients"/> recipients imported, the
    /// campaign created over those senders and prepared. Prints how long each part took.
    /// </summary>
    public static async Task<Guid> ReadyAsync(
        CampaignsApi api, Uri sandbox, IReadOnlyList<SandboxInstance> instances, SenderPacing pacing, int recipients, TextWriter log,
        CancellationToken cancellationToken)
    {
        var setup = Stopwatch.StartNew();
        var senders = await RegisterSendersAsync(api, sandbox, instances, pacing, cancellationToken);
        log.WriteLine($"{senders.Count:N0} senders registered in {setup.Elapsed.TotalSeconds:F1} s");
        setup.Restart();
        var (list, imported) = await api.ImportAsync(Csv(recipients), cancellationToken);
        var campaign = await CreateAsync(api, list, senders, cancellationToken);
        await PrepareAsync(api, campaign, TimeSpan.FromMinutes(10), cancellationToken);
        log.WriteLine($"campaign {campaign}: {imported:N0} recipients imported, created and prepared in {setup.Elapsed.TotalSeconds:F1} s");
        return campaign;
    }

    /// <summary>Registers one sender per instance (8 at a time); returns their ids in the instances' order.</summary>
    public static async Task<IReadOnlyList<Guid>> RegisterSendersAsync(
        CampaignsApi api, Uri sandbox, IReadOnlyList<SandboxInstance> instances, SenderPacing pacing, CancellationToken cancellationToken)
    {
        var ids = new Guid[instances.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, instances.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, token) => ids[i] = await api.RegisterSenderAsync(
                instances[i].Name, sandbox, instances[i].Name, instances[i].Token, pacing, token));
        return ids;
    }

    /// <summary>
    /// Creates the campaign over <paramref name="senders"/> with a send window open at this hour (in UTC, all but the
    /// minute 23 hours away), so that the run never waits for a window.
    /// </summary>
    public static Task<Guid> CreateAsync(CampaignsApi api, Guid list, IReadOnlyList<Guid> senders, CancellationToken cancellationToken)
    {
        var opens = DateTimeOffset.UtcNow.AddHours(-1);
        var closes = opens.AddMinutes(-1);
        var senderIds = new JsonArray();
        foreach (var sender in senders)
        {
            senderIds.Add(sender);
        }

        return api.CreateCampaignAsync(
            new JsonObject
            {
                ["name"] = "bench",
                ["contactListId"] = list,
                ["template"] = "{Hi|Hello} {{ name }}, your code is {{ code }}.",
                ["senderIds"] = senderIds,
                ["sendWindow"] = new JsonObject
                {
                    ["start"] = opens.ToString("HH:mm", CultureInfo.InvariantCulture),
                    ["end"] = closes.ToString("HH:mm", CultureInfo.InvariantCulture),
                    ["timeZone"] = "UTC",
                },
            },
            cancellationToken);
    }

    /// <summary>Prepares the campaign and waits until it is <c>ready</c>; throws with the reason if it goes back to draft.</summary>
    public static async Task PrepareAsync(CampaignsApi api, Guid campaign, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await api.PrepareAsync(campaign, cancellationToken);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var body = await api.GetCampaignAsync(campaign, cancellationToken);
            var status = body.GetProperty("status").GetString();
            if (status == "ready")
            {
                return;
            }

            if (status != "preparing")
            {
                throw new InvalidOperationException($"Prepare ended '{status}': {body}");
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The campaign was still preparing after {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>The campaign's status in our record.</summary>
    public static async Task<string?> StatusAsync(NpgsqlDataSource dataSource, Guid campaign, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select status from campaigns.campaigns where id = $1");
        command.Parameters.Add(new() { Value = campaign });
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>How many of the campaign's messages are in each status.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountsAsync(NpgsqlDataSource dataSource, Guid campaign, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select status, count(*) from campaigns.messages where campaign_id = $1 group by status");
        command.Parameters.Add(new() { Value = campaign });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public static string Describe(IReadOnlyDictionary<string, long> counts) =>
        string.Join(", ", counts.Select(c => $"{c.Key} {c.Value:N0}"));

    /// <summary>
    /// Waits until the campaign is <c>completed</c> (or <c>cancelled</c>), printing its counts every
    /// <paramref name="every"/>; throws on timeout. Returns the time it was seen completed.
    /// </summary>
    public static async Task<TimeSpan> WaitCompletedAsync(
        NpgsqlDataSource dataSource, Guid campaign, TimeSpan timeout, TimeSpan every, TextWriter log, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var status = await StatusAsync(dataSource, campaign, cancellationToken);
            if (status is "completed" or "cancelled")
            {
                return waited.Elapsed;
            }

            if (waited.Elapsed - lastReport >= every)
            {
                lastReport = waited.Elapsed;
                log.WriteLine($"  {waited.Elapsed.TotalSeconds,6:F0} s  {status}: {Describe(await CountsAsync(dataSource, campaign, cancellationToken))}");
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"The campaign was still '{status}' after {timeout.TotalSeconds:F0} s: {Describe(await CountsAsync(dataSource, campaign, cancellationToken))}");
            }

            await Task.Delay(500, cancellationToken);
        }
    }
}
