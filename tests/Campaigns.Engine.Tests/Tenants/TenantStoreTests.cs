using Campaigns.Engine.Tenants;
using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Tenants;

public sealed class TenantStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_NewTenant_KeyFindsItAndOnlyItsHashIsStored()
    {
        var store = new TenantStore(database.DataSource);

        var (tenant, key) = await store.CreateAsync("Acme", Cancel);

        Assert.StartsWith(ApiKey.Prefix, key, StringComparison.Ordinal);
        Assert.Equal(tenant, (await store.FindByKeyAsync(key, Cancel))?.Tenant);
        await using var command = database.DataSource.CreateCommand(
            "select count(*) from campaigns.api_keys where tenant_id = $1 and (key_prefix = $2 or encode(key_hash, 'escape') like '%' || $2 || '%')");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = key });
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync(Cancel))!);
    }

    [Fact]
    public async Task FindByKeyAsync_UnknownOrAlteredKey_FindsNothing()
    {
        var store = new TenantStore(database.DataSource);
        var (_, key) = await store.CreateAsync("Acme", Cancel);

        Assert.Null(await store.FindByKeyAsync(key[..^1] + (key[^1] == 'A' ? 'B' : 'A'), Cancel));
        Assert.Null(await store.FindByKeyAsync("", Cancel));
    }

    [Fact]
    public async Task CreateAsync_TwoTenants_GetDifferentKeys()
    {
        var store = new TenantStore(database.DataSource);

        var first = await store.CreateAsync("A", Cancel);
        var second = await store.CreateAsync("B", Cancel);

        Assert.NotEqual(first.ApiKey, second.ApiKey);
        Assert.Equal(second.Tenant, (await store.FindByKeyAsync(second.ApiKey, Cancel))?.Tenant);
    }

    [Fact]
    public async Task FindActiveKeyAsync_OwnUnrevokedKey_IsFound_OtherTenantsOrRevoked_IsNot()
    {
        var store = new TenantStore(database.DataSource);
        var first = await store.CreateAsync("A", Cancel);
        var second = await store.CreateAsync("B", Cancel);
        var key = (await store.FindByKeyAsync(first.ApiKey, Cancel))!.Value.KeyId;

        var own = await store.FindActiveKeyAsync(first.Tenant, key, Cancel);
        var otherTenants = await store.FindActiveKeyAsync(second.Tenant, key, Cancel);
        await new ApiKeyStore(database.DataSource, NodaTime.SystemClock.Instance).TouchAsync(key, Cancel);
        var touched = await store.FindActiveKeyAsync(first.Tenant, key, Cancel);
        await using (var revoke = database.DataSource.CreateCommand("update campaigns.api_keys set revoked_at = now() where id = $1"))
        {
            revoke.Parameters.Add(new() { Value = key });
            await revoke.ExecuteNonQueryAsync(Cancel);
        }

        var revoked = await store.FindActiveKeyAsync(first.Tenant, key, Cancel);

        Assert.Equal(new ActiveApiKey(LastUseDue: true), own); // never used
        Assert.Null(otherTenants);
        Assert.Equal(new ActiveApiKey(LastUseDue: false), touched); // used just now: nothing to record for a minute
        Assert.Null(revoked);
    }
}
