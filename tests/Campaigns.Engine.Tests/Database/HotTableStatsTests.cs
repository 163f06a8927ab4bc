using Campaigns.Engine.Database;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Engine.Tests.Database;

public sealed class HotTableStatsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Read_HotTables_AnswersTheDeadTuplesOfEach()
    {
        var stats = new HotTableStats(database.DataSource, new FakeTimeProvider(), NullLogger<HotTableStats>.Instance);

        var rows = stats.Read();

        Assert.Equal(HotTableStats.Tables.Order(StringComparer.Ordinal), rows.Select(r => r.Table));
    }

    [Fact]
    public async Task Read_AgainWithinTheCacheTime_AnswersTheLastReadingWithoutAskingPostgreSql()
    {
        var time = new FakeTimeProvider();
        var stats = new HotTableStats(database.DataSource, time, NullLogger<HotTableStats>.Instance);
        var before = DeadTuples(stats);
        await MakeDeadTuplesAsync(100);

        time.Advance(HotTableStats.CacheFor - TimeSpan.FromMilliseconds(1));
        Assert.Equal(before, DeadTuples(stats));

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(DeadTuples(stats) >= before + 100);
    }

    private static long DeadTuples(HotTableStats stats) => stats.Read().Single(r => r.Table == "messages").DeadTuples;

    /// <summary>Inserts and deletes <paramref name="count"/> messages, then waits until PostgreSQL's statistics show them dead.</summary>
    private async Task MakeDeadTuplesAsync(int count)
    {
        long Current()
        {
            using var read = database.DataSource.CreateCommand(
                "select n_dead_tup from pg_stat_user_tables where schemaname = 'campaigns' and relname = 'messages'");
            return (long)read.ExecuteScalar()!;
        }

        var start = Current();
        var campaign = Guid.NewGuid();
        await using (var command = database.DataSource.CreateCommand(
            """
            insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash)
            select $1, '+2547' || lpad(i::text, 8, '0'), i, 'pending', 'x', sha256('x') from generate_series(1, $2) i;
            """))
        {
            command.Parameters.Add(new() { Value = campaign });
            command.Parameters.Add(new() { Value = count });
            await command.ExecuteNonQueryAsync(Cancel);
        }

        await using (var delete = database.DataSource.CreateCommand("delete from campaigns.messages where campaign_id = $1"))
        {
            delete.Parameters.Add(new() { Value = campaign });
            await delete.ExecuteNonQueryAsync(Cancel);
        }

        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (Current() < start + count)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "PostgreSQL's statistics did not show the dead tuples.");
            await Task.Delay(100, Cancel);
        }
    }
}
