using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary><c>campaign_senders.running</c> (migration 0024): the claim's view of a sender's running campaigns follows the campaign's status.</summary>
public sealed class CampaignSendersRunningTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly DispatchKit _kit = new(database);

    [Fact]
    public async Task Running_FollowsTheCampaignsStatusWhateverWritesIt()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var campaign = await _kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25440"), sender)]);
        Assert.True(await RunningAsync(campaign)); // inserted while the campaign runs

        foreach (var (status, running) in new[] { ("paused", false), ("running", true), ("completed", false) })
        {
            await _kit.ExecuteAsync("update campaigns.campaigns set status = $2 where id = $1", campaign, status);
            Assert.Equal(running, await RunningAsync(campaign));
        }

        var draft = await _kit.CampaignAsync(tenant, [], []);
        await _kit.ExecuteAsync("update campaigns.campaigns set status = 'draft' where id = $1", draft);
        await _kit.ExecuteAsync("insert into campaigns.campaign_senders (campaign_id, sender_id, position) values ($1, $2, 0)", draft, sender.Id);
        Assert.False(await RunningAsync(draft)); // inserted while it does not
    }

    [Fact]
    public async Task ClaimAsync_ManyFinishedDirectSendsOnTheSender_StillClaimsItsQueuedOne()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        for (var i = 0; i < 20; i++)
        {
            var done = await _kit.DirectAsync(tenant, sender, DispatchKit.NewNumber("+25441"), age: TimeSpan.FromMinutes(60 - i));
            await _kit.ExecuteAsync("update campaigns.messages set status = 'sent' where campaign_id = $1", done);
            await _kit.ExecuteAsync("update campaigns.campaigns set status = 'completed' where id = $1", done);
        }

        var queued = await _kit.DirectAsync(tenant, sender, DispatchKit.NewNumber("+25441"));

        Assert.Equal(queued, Assert.Single((await _kit.Claimer().ClaimAsync(1000, "t", TestContext.Current.CancellationToken)).Sends).Campaign.Value);
    }

    private Task<bool> RunningAsync(Guid campaign) =>
        _kit.ScalarAsync<bool>("select bool_and(running) from campaigns.campaign_senders where campaign_id = $1", campaign);
}
