using Campaigns.Domain.Common;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Tenants;
using Campaigns.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace Campaigns.Engine.Tests.Tenants;

public sealed class ApiKeyStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 3, 1, 9, 0));

    [Fact]
    public async Task CreateAsync_Named_KeyFindsTheTenantAndIsListedFirstWithoutTheKey()
    {
        var (tenant, _) = await CreateTenantAsync();
        var store = CreateSut();

        var created = (await store.CreateAsync(tenant, Name("  Shop backend "), Cancel)).Value;

        Assert.StartsWith(ApiKey.Prefix, created.Secret, StringComparison.Ordinal);
        Assert.Equal("Shop backend", created.Key.Name);
        Assert.Equal(ApiKey.Shown(created.Secret), created.Key.Prefix);
        Assert.Equal(new ApiKeyOwner(tenant, created.Key.Id), await new TenantStore(database.DataSource).FindByKeyAsync(created.Secret, Cancel));
        var listed = await store.ListAsync(tenant, 10, null, Cancel);
        Assert.Equal(["Shop backend", "First key"], listed.Select(k => k.Name));
        Assert.All(listed, k => Assert.Null(k.RevokedAt));
        Assert.Equal(created.Key, listed[0]);
    }

    [Fact]
    public async Task ListAsync_PagedAfterTheLastId_GivesTheOlderKeysAndNoOtherTenantsKeys()
    {
        var (tenant, _) = await CreateTenantAsync();
        await CreateTenantAsync(); // another tenant's key is never listed
        var store = CreateSut();
        foreach (var name in new[] { "A", "B", "C" })
        {
            await store.CreateAsync(tenant, Name(name), Cancel);
        }

        var first = await store.ListAsync(tenant, 2, null, Cancel);
        var second = await store.ListAsync(tenant, 2, first[^1].Id, Cancel);

        Assert.Equal(["C", "B"], first.Select(k => k.Name));
        Assert.Equal(["A", "First key"], second.Select(k => k.Name));
    }

    [Fact]
    public async Task RevokeAsync_OneOfTwoActiveKeys_RevokesItAndItFindsNoTenantAnyMore()
    {
        var (tenant, first) = await CreateTenantAsync();
        var store = CreateSut();
        var second = (await store.CreateAsync(tenant, Name("Second"), Cancel)).Value;

        var revoked = await store.RevokeAsync(tenant, first.KeyId, Cancel);

        Assert.NotNull(revoked.Value.RevokedAt);
        Assert.Null(await new TenantStore(database.DataSource).FindByKeyAsync(first.Secret, Cancel));
        Assert.NotNull(await new TenantStore(database.DataSource).FindByKeyAsync(second.Secret, Cancel));
    }

    [Fact]
    public async Task RevokeAsync_RevokedKey_ChangesNothing()
    {
        var (tenant, first) = await CreateTenantAsync();
        var store = CreateSut();
        await store.CreateAsync(tenant, Name("Second"), Cancel);
        var revoked = (await store.RevokeAsync(tenant, first.KeyId, Cancel)).Value;

        var again = await store.RevokeAsync(tenant, first.KeyId, Cancel);

        Assert.Equal(revoked, again.Value);
    }

    [Fact]
    public async Task RevokeAsync_LastActiveKey_RefusedAndTheKeyStaysActive()
    {
        var (tenant, first) = await CreateTenantAsync();
        var store = CreateSut();
        var other = (await store.CreateAsync(tenant, Name("Other"), Cancel)).Value;
        await store.RevokeAsync(tenant, other.Key.Id, Cancel);

        var result = await store.RevokeAsync(tenant, first.KeyId, Cancel);

        Assert.Equal("keys.last_active_key", result.Error.Code);
        Assert.Equal(ErrorKind.Conflict, result.Error.Kind);
        Assert.NotNull(await new TenantStore(database.DataSource).FindByKeyAsync(first.Secret, Cancel));
    }

    [Fact]
    public async Task RevokeAsync_AnotherTenantsKey_NotFoundAndTheKeyStaysActive()
    {
        var (tenant, _) = await CreateTenantAsync();
        var (other, otherKey) = await CreateTenantAsync();
        var store = CreateSut();
        await store.CreateAsync(other, Name("Second"), Cancel); // so that only the tenant rule could refuse it

        var result = await store.RevokeAsync(tenant, otherKey.KeyId, Cancel);

        Assert.Equal(ErrorKind.NotFound, result.Error.Kind);
        Assert.Null(await store.FindAsync(tenant, otherKey.KeyId, Cancel));
        Assert.NotNull(await new TenantStore(database.DataSource).FindByKeyAsync(otherKey.Secret, Cancel));
    }

    [Fact]
    public async Task RevokeAsync_BothOfTwoKeysAtOnce_OneIsRefusedAndOneStaysActive()
    {
        var (tenant, first) = await CreateTenantAsync();
        var store = CreateSut();
        var second = (await store.CreateAsync(tenant, Name("Second"), Cancel)).Value;
        // The first revocation is held at its update (the test locks the key's row) after it has counted two active keys;
        // the second starts meanwhile. Counting without taking turns, both would see two and both would revoke.
        await using var holder = await database.DataSource.OpenConnectionAsync(Cancel);
        await using var hold = await holder.BeginTransactionAsync(Cancel);
        await using (var lockRow = new Npgsql.NpgsqlCommand("select 1 from campaigns.api_keys where id = $1 for update", holder, hold))
        {
            lockRow.Parameters.Add(new() { Value = first.KeyId });
            await lockRow.ExecuteNonQueryAsync(Cancel);
        }

        var revokeFirst = Task.Run(() => store.RevokeAsync(tenant, first.KeyId, Cancel), Cancel);
        await WaitForLockWaitersAsync(1);
        var revokeSecond = Task.Run(() => store.RevokeAsync(tenant, second.Key.Id, Cancel), Cancel);
        await Task.Delay(200, Cancel); // time for the second to reach its count (or the tenant's lock)
        await hold.CommitAsync(Cancel);
        var results = await Task.WhenAll(revokeFirst, revokeSecond);

        Assert.True(results[0].IsSuccess);
        Assert.Equal("keys.last_active_key", results[1].Error.Code);
        Assert.NotNull(await new TenantStore(database.DataSource).FindByKeyAsync(second.Secret, Cancel));
    }

    [Fact]
    public async Task CreateAsync_TenantAtTheMostActiveKeys_RefusedUntilOneIsRevoked()
    {
        var (tenant, first) = await CreateTenantAsync();
        var store = CreateSut();
        for (var i = 1; i < ApiKeyStore.MaxActiveKeys; i++)
        {
            Assert.True((await store.CreateAsync(tenant, Name($"Key {i}"), Cancel)).IsSuccess);
        }

        var refused = await store.CreateAsync(tenant, Name("One too many"), Cancel);
        await store.RevokeAsync(tenant, first.KeyId, Cancel);
        var accepted = await store.CreateAsync(tenant, Name("In its place"), Cancel);

        Assert.Equal("keys.too_many", refused.Error.Code);
        Assert.True(accepted.IsSuccess);
    }

    [Fact]
    public async Task TouchAsync_HundredUsesInAMinute_OneStatementReachesPostgresAndRecordsTheUse()
    {
        var (tenant, first) = await CreateTenantAsync();
        var store = CreateSut();
        await using var counter = await ApiKeyUpdateCounter.InstallAsync(database.DataSource, Cancel);

        for (var i = 0; i < 100; i++)
        {
            await store.TouchAsync(first.KeyId, Cancel);
            _clock.Advance(Duration.FromMilliseconds(500)); // 50 s in all
        }

        Assert.Equal(1, await counter.CountAsync(Cancel));
        Assert.NotNull((await store.FindAsync(tenant, first.KeyId, Cancel))?.LastUsedAt);
        _clock.Advance(Duration.FromSeconds(10)); // a minute after the first use
        await store.TouchAsync(first.KeyId, Cancel);
        Assert.Equal(2, await counter.CountAsync(Cancel));
    }

    [Fact]
    public async Task TouchAsync_TwoKeys_EachIsRecorded()
    {
        var (tenant, first) = await CreateTenantAsync();
        var store = CreateSut();
        var second = (await store.CreateAsync(tenant, Name("Second"), Cancel)).Value;

        await store.TouchAsync(first.KeyId, Cancel);
        await store.TouchAsync(second.Key.Id, Cancel);

        Assert.All(await store.ListAsync(tenant, 10, null, Cancel), key => Assert.NotNull(key.LastUsedAt));
    }

    private ApiKeyStore CreateSut() => new(database.DataSource, _clock);

    private static ApiKeyName Name(string text) => ApiKeyName.Parse(text).Value;

    private async Task<(TenantId Tenant, (Guid KeyId, string Secret) Key)> CreateTenantAsync()
    {
        var tenants = new TenantStore(database.DataSource);
        var (tenant, secret) = await tenants.CreateAsync("Acme", Cancel);
        var owner = await tenants.FindByKeyAsync(secret, Cancel);
        return (tenant, (owner!.Value.KeyId, secret));
    }

    private async Task WaitForLockWaitersAsync(int count)
    {
        for (var i = 0; i < 500; i++)
        {
            await using var command = database.DataSource.CreateCommand(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
            if ((long)(await command.ExecuteScalarAsync(Cancel))! >= count)
            {
                return;
            }

            await Task.Delay(20, Cancel);
        }

        Assert.Fail($"No {count} sessions waited for a lock.");
    }
}
