using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Tests.Campaigns;
using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.BulkSends;

/// <summary>A bulk send starts itself once prepared: the prepare job asks for it, and start-due-campaigns catches what that missed.</summary>
public sealed class BulkStarterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string MakeBulk = "update campaigns.campaigns set origin = 'bulk' where id = $1";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly CampaignKit _kit = new(database);

    [Fact]
    public async Task PrepareCampaignJob_BulkSendBecomesReady_EnqueuesItsStart()
    {
        var tenant = await _kit.TenantAsync();
        var bulk = await _kit.PreparingAsync(tenant, await _kit.ListAsync(tenant, 3, names: 3), "Hi {{ first_name }}");
        var ordinary = await _kit.PreparingAsync(tenant, await _kit.ListAsync(tenant, 3, names: 3), "Hello {{ first_name }}");
        await _kit.ExecuteAsync(MakeBulk, bulk);

        Assert.Equal(PrepareOutcome.Ready, await _kit.Job().RunAsync(bulk.Id, Cancel));
        Assert.Equal(PrepareOutcome.Ready, await _kit.Job().RunAsync(ordinary.Id, Cancel));

        const string StartJobs = "select count(*) from hangfire.job where invocationdata::text like '%BulkStarter%' and arguments::text like '%' || $1::text || '%'";
        Assert.Equal(1, await _kit.ScalarAsync(StartJobs, bulk));
        Assert.Equal(0, await _kit.ScalarAsync(StartJobs, ordinary)); // a campaign made as one waits for its owner's start
    }

    [Fact]
    public async Task StartDueCampaignsJob_ReadyBulkSend_IsStartedAndAnOrdinaryReadyCampaignIsNot()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var bulk = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 2, names: 2), [sender]);
        var ordinary = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 2, names: 2), [sender]);
        await _kit.ExecuteAsync(MakeBulk, bulk);

        await _kit.StartDue.RunAsync(Cancel);

        Assert.Equal(CampaignStatus.Running, (await _kit.FindAsync(bulk)).Status);
        Assert.Equal(CampaignStatus.Ready, (await _kit.FindAsync(ordinary)).Status);
    }

    [Fact]
    public async Task StartDueCampaignsJob_ReadyBulkSendWithoutUsableSender_StaysReadySaysWhyOnceAndStartsWhenOneCan()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant, SenderState.Close);
        var bulk = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 2, names: 2), [sender]);
        await _kit.ExecuteAsync(MakeBulk, bulk);

        await _kit.StartDue.RunAsync(Cancel);
        await _kit.StartDue.RunAsync(Cancel);

        Assert.Equal(CampaignStatus.Ready, (await _kit.FindAsync(bulk)).Status);
        Assert.Equal(1, await _kit.ScalarAsync("select count(*) from campaigns.campaign_events where campaign_id = $1 and kind = 'bulk_start_refused'", bulk));
        await _kit.ExecuteAsync(
            "update campaigns.senders set state = 'open' where id in (select sender_id from campaigns.campaign_senders where campaign_id = $1)", bulk);
        await _kit.StartDue.RunAsync(Cancel);
        Assert.Equal(CampaignStatus.Running, (await _kit.FindAsync(bulk)).Status);
    }
}
