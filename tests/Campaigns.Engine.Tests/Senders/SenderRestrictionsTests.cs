using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Campaigns.Engine.Tests.Senders;

public sealed class SenderRestrictionsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    [Fact]
    public async Task RecordTimelockAsync_SilentTimelockFromAWebhook_RestrictsUntilTheGivenEnd()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var until = SystemClock.Instance.GetCurrentInstant() + Duration.FromHours(3);
        until = Instant.FromUnixTimeSeconds(until.ToUnixTimeSeconds());

        var began = await CreateSut().RecordTimelockAsync(new SenderId(sender.Id), until, Cancel);
        var again = await CreateSut().RecordTimelockAsync(new SenderId(sender.Id), until, Cancel);

        Assert.True(began);
        Assert.False(again);
        Assert.Equal(until, await _kit.ScalarAsync<Instant>("select restricted_until from campaigns.senders where id = $1", sender.Id));
    }

    [Fact]
    public async Task ClearAsync_RestrictedSender_EndsTheRestrictionAndWakesItsNumber()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        await CreateSut().RecordTimelockAsync(new SenderId(sender.Id), null, Cancel);
        var store = new SenderStore(_kit.DataSource);
        var restricted = await store.FindAsync(new TenantId(tenant), new SenderId(sender.Id), Cancel);

        var cleared = await CreateSut().ClearAsync(new TenantId(tenant), new SenderId(sender.Id), Cancel);

        Assert.True(cleared);
        Assert.Equal("reachout_timelock", restricted!.Restriction?.Kind);
        Assert.Null((await store.FindAsync(new TenantId(tenant), new SenderId(sender.Id), Cancel))!.Restriction);
        Assert.True(await _kit.ScalarAsync<bool>("select next_send_at <= now() from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task ClearAsync_AnotherTenantsSender_ChangesNothing()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        await CreateSut().RecordTimelockAsync(new SenderId(sender.Id), null, Cancel);

        var cleared = await CreateSut().ClearAsync(new TenantId(await _kit.TenantAsync()), new SenderId(sender.Id), Cancel);

        Assert.False(cleared);
        Assert.True(await _kit.ScalarAsync<bool>("select restricted_until > now() from campaigns.senders where id = $1", sender.Id));
    }

    private SenderRestrictions CreateSut() =>
        new(_kit.DataSource, DispatchKit.Wrap(DispatchKit.Options()), NullLogger<SenderRestrictions>.Instance);
}
