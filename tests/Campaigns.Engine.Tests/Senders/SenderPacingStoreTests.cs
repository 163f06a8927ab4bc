using Campaigns.Domain.Pacing;
using Campaigns.Domain.Senders;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Tests.Campaigns;
using Campaigns.Tests.Shared;
using NodaTime;

namespace Campaigns.Engine.Tests.Senders;

/// <summary>What the sender store keeps of pacing: the profile and caps, the reconnect moment, the warm-up restart.</summary>
public sealed class SenderPacingStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly CampaignKit _kit = new(database);

    private SenderStore Store => new(database.DataSource);

    [Fact]
    public async Task UpdateSettingsAsync_Pacing_IsStoredAndReadBack()
    {
        var tenant = await _kit.TenantAsync();
        var id = await _kit.SenderAsync(tenant);
        var read = (await Store.FindAsync(tenant, id, Cancel))!;

        await Store.UpdateSettingsAsync(read with { Pacing = SenderPacing.Create("floor", 5, 90).Value }, Cancel);

        var stored = (await Store.FindAsync(tenant, id, Cancel))!.Pacing;
        Assert.Equal((PacingProfile.Floor, 5, 90), (stored.Profile, stored.MaxPerMinute!.Value, stored.MaxPerHour!.Value));
        Assert.Equal(SenderPacing.Default, (await Store.FindAsync(tenant, await _kit.SenderAsync(tenant), Cancel))!.Pacing);
    }

    [Fact]
    public async Task RecordStateAsync_ClosedToOpen_IsAReconnect()
    {
        var tenant = await _kit.TenantAsync();
        var id = await _kit.SenderAsync(tenant, SenderState.Close);
        var at = CampaignKit.Now + Duration.FromMinutes(5);

        Assert.True(await Store.RecordStateAsync(id, SenderState.Close, SenderState.Open, null, at, Cancel));

        Assert.Equal(at, await ReconnectedAtAsync(id));
    }

    [Fact]
    public async Task RecordStateAsync_OpenStaysOpen_IsNoReconnect()
    {
        var tenant = await _kit.TenantAsync();
        var id = await _kit.SenderAsync(tenant);

        Assert.True(await Store.RecordStateAsync(id, SenderState.Open, SenderState.Open, "number held", CampaignKit.Now, Cancel));

        Assert.Null(await ReconnectedAtAsync(id));
    }

    [Theory]
    [InlineData("close", true)]
    [InlineData("connecting", true)]
    [InlineData("paused by its user", false)]
    public async Task ResumeAsync_PausedFor_IsAReconnectOnlyWhenItWasNotOpen(string reason, bool reconnect)
    {
        var tenant = await _kit.TenantAsync();
        var id = await _kit.SenderAsync(tenant);
        await Store.PauseAsync(tenant, id, reason, CampaignKit.Now, Cancel);

        Assert.True(await Store.ResumeAsync(tenant, id, Cancel));

        Assert.Equal(reconnect, await ReconnectedAtAsync(id) is not null);
    }

    [Fact]
    public async Task RestartWarmUpSql_OnANumber_StartsTheRampTodayInTheSendersZoneAndDropsTodaysCap()
    {
        var tenant = await _kit.TenantAsync();
        var id = await _kit.SenderAsync(tenant);
        var phone = (await Store.FindAsync(tenant, id, Cancel))!.Phone!;
        await ExecuteAsync("insert into campaigns.numbers (phone, day, sent_today, cap_today) values ($1, current_date, 3, 250)", phone);

        await ExecuteAsync(
            $"update campaigns.numbers n set {SenderStore.RestartWarmUpSql("s.time_zone")} from campaigns.senders s where s.id = $1 and n.phone = s.phone",
            id.Value);

        await using var command = database.DataSource.CreateCommand(
            "select n.warmup_from = (now() at time zone 'Europe/London')::date, n.cap_today is null from campaigns.numbers n where phone = $1");
        command.Parameters.Add(new() { Value = phone });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await reader.ReadAsync(Cancel));
        Assert.Equal((true, true), (reader.GetBoolean(0), reader.GetBoolean(1)));
    }

    private async Task<Instant?> ReconnectedAtAsync(SenderId id)
    {
        await using var command = database.DataSource.CreateCommand("select reconnected_at from campaigns.senders where id = $1");
        command.Parameters.Add(new() { Value = id.Value });
        return await command.ExecuteScalarAsync(Cancel) is Instant at ? at : null;
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }
}
