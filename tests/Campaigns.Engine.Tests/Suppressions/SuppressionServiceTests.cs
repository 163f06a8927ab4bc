using Campaigns.Domain.Tenants;
using Campaigns.Engine.Suppressions;
using Campaigns.Engine.Tenants;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Suppressions;

public sealed class SuppressionServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private SuppressionService CreateSut() => new(new SuppressionStore(database.DataSource));

    [Fact]
    public async Task AddAsync_OneUnreadableNumber_StoresNothingAndNamesItsPosition()
    {
        var tenant = (await new TenantStore(database.DataSource).CreateAsync("t", Cancel)).Tenant;
        var sut = CreateSut();

        var result = await sut.AddAsync(tenant, [new(1, "0712345678"), new(2, "not a number"), new(3, "+254722000111")], "KE", Cancel);

        Assert.Equal("suppressions.invalid_numbers", result.Error.Code);
        var invalid = Assert.Single((IEnumerable<Dictionary<string, object?>>)result.Error.Details["invalid"]!);
        Assert.Equal((2, "not a number"), ((int)invalid["position"]!, (string?)invalid["value"]));
        Assert.Empty(await sut.ListAsync(tenant, 10, null, Cancel));
    }

    [Fact]
    public async Task AddAsync_NumberWithUnsentMessages_SkipsThemInEveryCampaignAndCompletesOneLeftEmpty()
    {
        var kit = new DispatchKit(database);
        var tenant = await kit.TenantAsync();
        var sender = await kit.SenderAsync(tenant);
        var (phone, other) = (DispatchKit.NewNumber(), DispatchKit.NewNumber());
        var only = await kit.CampaignAsync(tenant, [sender], [(phone, sender)]);
        var both = await kit.CampaignAsync(tenant, [sender], [(phone, sender), (other, sender)]);

        var result = await CreateSut().AddAsync(new TenantId(tenant), [new(1, phone)], "KE", Cancel);

        Assert.True(result.IsSuccess);
        const string Status = "select status || '/' || coalesce(skip_code, '') from campaigns.messages where campaign_id = $1 and phone = $2";
        Assert.Equal("skipped/recipient.suppressed", await kit.ScalarAsync<string>(Status, only, phone));
        Assert.Equal("skipped/recipient.suppressed", await kit.ScalarAsync<string>(Status, both, phone));
        Assert.Equal("queued/", await kit.ScalarAsync<string>(Status, both, other));
        const string Campaign = "select status from campaigns.campaigns where id = $1";
        Assert.Equal(("completed", "running"), (await kit.ScalarAsync<string>(Campaign, only), await kit.ScalarAsync<string>(Campaign, both)));
    }

    [Fact]
    public async Task AddAsync_NumbersInAnySpelling_AreStoredOnceInE164AndRemovedByAnySpelling()
    {
        var tenant = (await new TenantStore(database.DataSource).CreateAsync("t", Cancel)).Tenant;
        var sut = CreateSut();

        var added = await sut.AddAsync(tenant, [new(1, "0712345678"), new(2, "+254 712 345 678"), new(3, "0722000111")], "KE", Cancel);
        var again = await sut.AddAsync(tenant, [new(1, "+254712345678")], "KE", Cancel);

        Assert.Equal((2, 2), added.Value);
        Assert.Equal((1, 0), again.Value);
        Assert.Equal(["+254712345678", "+254722000111"], (await sut.ListAsync(tenant, 10, null, Cancel)).Select(s => s.Phone));
        Assert.Equal("+254712345678", (await sut.RemoveAsync(tenant, "0712 345678", "KE", Cancel)).Value);
        Assert.Equal("not_found", (await sut.RemoveAsync(tenant, "0712345678", "KE", Cancel)).Error.Code);
    }

    [Theory]
    [InlineData(0, "suppressions.empty")]
    [InlineData(SuppressionService.MaxNumbersPerRequest + 1, "suppressions.too_many")]
    public async Task AddAsync_NoneOrTooMany_IsRefused(int count, string code)
    {
        var tenant = (await new TenantStore(database.DataSource).CreateAsync("t", Cancel)).Tenant;

        var numbers = Enumerable.Range(1, count).Select(i => new SuppressionNumber(i, "0712345678")).ToArray();
        var result = await CreateSut().AddAsync(tenant, numbers, "KE", Cancel);

        Assert.Equal(code, result.Error.Code);
    }

    [Fact]
    public async Task AddAsync_UnknownRegion_IsRefused()
    {
        var tenant = (await new TenantStore(database.DataSource).CreateAsync("t", Cancel)).Tenant;

        var result = await CreateSut().AddAsync(tenant, [new(1, "0712345678")], "XX", Cancel);

        Assert.Equal("import.unknown_region", result.Error.Code);
    }
}
