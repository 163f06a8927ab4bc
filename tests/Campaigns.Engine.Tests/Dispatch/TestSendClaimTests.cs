using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>How the claim treats a campaign's test sends (campaigns of kind 'test', migration 0019).</summary>
public sealed class TestSendClaimTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    [Fact]
    public async Task ClaimAsync_TestToARecipientWithinThePeriod_IsClaimedAnyway()
    {
        var tenant = await _kit.TenantAsync();
        var alpha = await _kit.SenderAsync(tenant);
        var beta = await _kit.SenderAsync(tenant);
        var recipient = DispatchKit.NewNumber("+25475");
        var campaign = await _kit.CampaignAsync(tenant, [alpha], [(recipient, alpha)]);
        var test = await TestOfAsync(campaign, await _kit.CampaignAsync(tenant, [beta], [(recipient, beta)]));

        var claim = await _kit.Claimer().ClaimAsync(1000, "t", Cancel);

        Assert.Equal([campaign, test], claim.Sends.Select(s => s.Campaign.Value).Order());
        Assert.Equal(alpha.Id, await _kit.ScalarAsync<Guid>("select sender_id from campaigns.recipients where tenant_id = $1 and phone = $2", tenant, recipient));
    }

    [Fact]
    public async Task ClaimAsync_TestSent_DoesNotStartTheRecipientsPeriod()
    {
        var tenant = await _kit.TenantAsync();
        var alpha = await _kit.SenderAsync(tenant);
        var beta = await _kit.SenderAsync(tenant);
        var recipient = DispatchKit.NewNumber("+25476");
        var parent = await _kit.CampaignAsync(tenant, [alpha], []);
        var test = await TestOfAsync(parent, await _kit.CampaignAsync(tenant, [beta], [(recipient, beta)]));
        var claimer = _kit.Claimer();
        Assert.Equal(test, Assert.Single((await claimer.ClaimAsync(1000, "t", Cancel)).Sends).Campaign.Value);

        var campaign = await _kit.CampaignAsync(tenant, [alpha], [(recipient, alpha)]);
        var later = await claimer.ClaimAsync(1000, "t", Cancel);

        Assert.Equal(campaign, Assert.Single(later.Sends).Campaign.Value);
    }

    private async Task<Guid> TestOfAsync(Guid parent, Guid child)
    {
        await _kit.ExecuteAsync("update campaigns.campaigns set kind = 'test', parent_id = $1 where id = $2", parent, child);
        return child;
    }
}
