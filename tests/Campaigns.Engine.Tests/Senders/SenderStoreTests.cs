using Campaigns.Domain.Senders;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Tests.Campaigns;
using Campaigns.Tests.Shared;
using NodaTime;

namespace Campaigns.Engine.Tests.Senders;

public sealed class SenderStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly CampaignKit _kit = new(database);

    private SenderStore Store => new(database.DataSource);

    [Fact]
    public async Task UpdateSettingsAsync_WithACopyReadBeforeAPauseAndAStateChange_KeepsAllThree()
    {
        var tenant = await _kit.TenantAsync();
        var id = await _kit.SenderAsync(tenant);
        var read = (await Store.FindAsync(tenant, id, Cancel))!; // what a PATCH read before the others wrote

        await Store.PauseAsync(tenant, id, "connection closed", CampaignKit.Now, Cancel);
        Assert.True(await Store.RecordStateAsync(id, SenderState.Open, SenderState.Close, "logged out", CampaignKit.Now, Cancel));
        await Store.UpdateSettingsAsync(read with { Name = "Renamed", Settings = read.Settings.WithTimeZone(DateTimeZoneProviders.Tzdb["Africa/Lagos"]) }, Cancel);

        var stored = (await Store.FindAsync(tenant, id, Cancel))!;
        Assert.Equal(("Renamed", "Africa/Lagos"), (stored.Name, stored.Settings.TimeZone.Id));
        Assert.Equal(new SenderPause("connection closed", CampaignKit.Now), stored.Pause);
        Assert.Equal((SenderState.Close, "logged out"), (stored.State, stored.StateReason));
    }

    [Fact]
    public async Task RecordStateAsync_StateChangedMeanwhile_KeepsTheNewerWord()
    {
        var tenant = await _kit.TenantAsync();
        var id = await _kit.SenderAsync(tenant);
        await Store.RecordStateAsync(id, SenderState.Open, SenderState.Close, "logged out", CampaignKit.Now, Cancel);

        var recorded = await Store.RecordStateAsync(id, SenderState.Open, SenderState.Connecting, null, CampaignKit.Now, Cancel);

        Assert.False(recorded);
        Assert.Equal(SenderState.Close, (await Store.FindAsync(tenant, id, Cancel))!.State);
    }

    [Fact]
    public async Task InsertAsync_SameNumberInAnotherTenant_IsRefusedAsNumberInUse()
    {
        var first = await _kit.TenantAsync();
        var phone = (await Store.FindAsync(first, await _kit.SenderAsync(first), Cancel))!.Phone!;
        var second = await _kit.TenantAsync();
        var copy = (await Store.FindAsync(second, await _kit.SenderAsync(second, linked: false), Cancel))!;

        var outcome = await Store.InsertAsync(copy with { Id = SenderId.New(), Instance = "another", Phone = phone }, new byte[32], Cancel);

        Assert.Equal(SenderInsert.NumberInUse, outcome);
    }

    [Fact]
    public async Task InsertAsync_SameInstanceUnderAnotherSpellingInAnotherTenant_IsRefusedAsInstanceInUse()
    {
        var first = await _kit.TenantAsync();
        var sender = (await Store.FindAsync(first, await _kit.SenderAsync(first, linked: false), Cancel))!;
        var second = await _kit.TenantAsync();

        var outcome = await Store.InsertAsync(
            sender with { Id = SenderId.New(), Tenant = second, GatewayUrl = new Uri("http://GATEWAY.example:80/") }, new byte[32], Cancel);

        Assert.Equal(SenderInsert.InstanceInUse, outcome);
    }

    [Fact]
    public async Task LinkNumberAsync_NumberHeldByAnotherSender_IsRefused()
    {
        var tenant = await _kit.TenantAsync();
        var phone = (await Store.FindAsync(tenant, await _kit.SenderAsync(tenant), Cancel))!.Phone!;
        var unlinked = await _kit.SenderAsync(await _kit.TenantAsync(), linked: false);

        Assert.False(await Store.LinkNumberAsync(unlinked, phone, Cancel));
        Assert.True(await Store.LinkNumberAsync(unlinked, "+447700911111", Cancel));
    }
}
