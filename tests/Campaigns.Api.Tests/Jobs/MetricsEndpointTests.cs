using System.Net;
using System.Text.RegularExpressions;
using Npgsql;

namespace Campaigns.Api.Tests.Jobs;

/// <summary><c>/metrics</c>: meter <c>Campaigns</c> in Prometheus text, the dead tuples of the hot tables among it.</summary>
public sealed class MetricsEndpointTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_Scrape_ShowsTheCampaignsInstrumentsInPrometheusText()
    {
        await using var api = await ConfiguredApi.StartAsync(new Dictionary<string, string?>());
        await using var dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        var database = new NpgsqlConnectionStringBuilder(api.ConnectionString).Database;
        // 200 dead tuples in messages (no foreign key to a campaign since migration 0004), seen by the statistics.
        await using (var command = dataSource.CreateCommand(
            """
            alter table campaigns.messages set (autovacuum_enabled = false); -- or autovacuum may clear them before the scrape
            insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash)
            select gen_random_uuid(), '+2547' || lpad(i::text, 8, '0'), i, 'pending', 'x', sha256('x') from generate_series(1, 200) i;
            delete from campaigns.messages;
            """))
        {
            await command.ExecuteNonQueryAsync(Cancel);
        }

        await WaitForDeadTuplesAsync(dataSource, 200);
        using var client = api.Factory.CreateClient();

        using var response = await client.GetAsync("/metrics", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Matches(new Regex("^campaigns_previews_running(\\{[^}]*\\})? 0( |$)", RegexOptions.Multiline), text);
        Assert.Contains("# TYPE campaigns_db_dead_tuples gauge", text, StringComparison.Ordinal);
        foreach (var table in new[] { "numbers", "senders", "campaign_senders" })
        {
            Assert.Matches(new Regex($"^campaigns_db_dead_tuples\\{{[^}}]*database=\"{database}\"[^}}]*table=\"{table}\"[^}}]*\\}} \\d+", RegexOptions.Multiline), text);
        }

        var messages = Regex.Match(text, $"^campaigns_db_dead_tuples\\{{[^}}]*database=\"{database}\"[^}}]*table=\"messages\"[^}}]*\\}} (\\d+)", RegexOptions.Multiline);
        Assert.True(messages.Success, text);
        Assert.True(long.Parse(messages.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 200, messages.Value);
    }

    private static async Task WaitForDeadTuplesAsync(NpgsqlDataSource dataSource, long atLeast)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                "select n_dead_tup from pg_stat_user_tables where schemaname = 'campaigns' and relname = 'messages'");
            if ((long)(await command.ExecuteScalarAsync(Cancel))! >= atLeast)
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "PostgreSQL's statistics did not show the dead tuples.");
            await Task.Delay(100, Cancel);
        }
    }
}
