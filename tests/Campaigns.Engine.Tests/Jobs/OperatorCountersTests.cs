using Campaigns.Engine.Jobs;
using Campaigns.Engine.Tenants;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Engine.Tests.Jobs;

/// <summary>The dashboard's counters, on a database of this class's own (they count across every tenant).</summary>
public sealed class OperatorCountersTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_SendersAndNumbers_CountsTodaysSendsInEachSendersZoneAndThePausedSenders()
    {
        var (tenant, _) = await new TenantStore(database.DataSource).CreateAsync("ops", Cancel);
        // Kiritimati is 14 hours ahead of UTC and Pago Pago 11 behind: for most of the day their "today" are different dates.
        await ExecuteAsync(
            """
            insert into campaigns.senders (id, tenant_id, name, gateway_url, instance, instance_key_protected, phone, time_zone, activated_on,
                daily_cap_min, daily_cap_max, min_interval_ms, jitter_min_ms, jitter_max_ms, webhook_secret_hash, state, state_changed_at, paused_reason)
            values (gen_random_uuid(), $1, 'a', 'http://g', 'a', 'x', '+254700000001', 'Pacific/Kiritimati', '2026-01-01', 200, 300, 1000, 1000, 5000, '\x00', 'open', now(), null),
                   (gen_random_uuid(), $1, 'b', 'http://g', 'b', 'x', '+254700000002', 'Pacific/Pago_Pago', '2026-01-01', 200, 300, 1000, 1000, 5000, '\x00', 'open', now(), null),
                   (gen_random_uuid(), $1, 'c', 'http://g', 'c', 'x', '+254700000003', 'Africa/Nairobi', '2026-01-01', 200, 300, 1000, 1000, 5000, '\x00', 'open', now(), 'gateway_errors'),
                   (gen_random_uuid(), $1, 'd', 'http://g', 'd', 'x', null, 'Africa/Nairobi', '2026-01-01', 200, 300, 1000, 1000, 5000, '\x00', 'connecting', now(), null);
            """,
            tenant.Value);
        await ExecuteAsync(
            """
            insert into campaigns.numbers (phone, day, sent_today, cap_today)
            values ('+254700000001', (now() at time zone 'Pacific/Kiritimati')::date, 7, 250),
                   ('+254700000002', (now() at time zone 'Pacific/Pago_Pago')::date, 5, 250),
                   ('+254700000003', (now() at time zone 'Africa/Nairobi')::date - 1, 100, 250);
            """,
            null);

        var counts = new OperatorCounters(database.DataSource, new FakeTimeProvider()).Read();

        Assert.Equal((12, 2), (counts.SendsToday, counts.PausedSenders)); // yesterday's 100 are not today's
    }

    [Fact]
    public async Task Read_AgainWithinTheCacheTime_AnswersTheLastReading()
    {
        var time = new FakeTimeProvider();
        var counters = new OperatorCounters(database.DataSource, time);
        var before = counters.Read();
        var (tenant, _) = await new TenantStore(database.DataSource).CreateAsync("ops", Cancel);
        await ExecuteAsync(
            """
            insert into campaigns.campaigns (id, tenant_id, name, template, max_identical, status, window_starts, window_ends, window_days, window_time_zone, created_at, updated_at)
            values (gen_random_uuid(), $1, 'c', 'Hi', 10, 'running', '{08:00}', '{20:00}', '{1,2,3,4,5,6,7}', 'recipient', now(), now())
            """,
            tenant.Value);

        time.Advance(OperatorCounters.CacheFor - TimeSpan.FromMilliseconds(1));
        Assert.Equal(before, counters.Read());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(before.RunningCampaigns + 1, counters.Read().RunningCampaigns);
    }

    private async Task ExecuteAsync(string sql, Guid? tenant)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        if (tenant is { } id)
        {
            command.Parameters.Add(new() { Value = id });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }
}
