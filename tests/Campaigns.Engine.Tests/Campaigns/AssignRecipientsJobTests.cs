using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Senders;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Senders;
using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Campaigns;

public sealed class AssignRecipientsJobTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly CampaignKit _kit = new(database);

    [Fact]
    public async Task RunAsync_ThreeSenders_QueuesEveryPendingMessageSpreadEvenly()
    {
        var tenant = await _kit.TenantAsync();
        SenderId[] senders = [await _kit.SenderAsync(tenant), await _kit.SenderAsync(tenant), await _kit.SenderAsync(tenant)];
        var campaign = await RunningAsync(tenant, await _kit.ListAsync(tenant, 100, names: 100), senders);

        var queued = await _kit.Assign.RunAsync(campaign.Id.Value, Cancel);

        Assert.Equal(100, queued);
        var counts = await _kit.CountsBySenderAsync(campaign);
        Assert.Equal([34L, 33L, 33L], senders.Select(s => counts[s.Value])); // the first in the campaign's order takes the odd one
        Assert.Equal(100, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1 and status = 'queued'", campaign));
        // The senders' numbers are due for dispatch.
        Assert.Equal(3, await _kit.ScalarAsync(
            """
            select count(*) from campaigns.numbers n join campaigns.senders s on s.phone = n.phone
              join campaigns.campaign_senders cs on cs.sender_id = s.id
             where cs.campaign_id = $1 and n.next_send_at is not null
            """,
            campaign));
    }

    [Fact]
    public async Task RunAsync_RecipientsWhoTalkedToASender_KeepItAndTheRestEvenOut()
    {
        var tenant = await _kit.TenantAsync();
        SenderId[] senders = [await _kit.SenderAsync(tenant), await _kit.SenderAsync(tenant), await _kit.SenderAsync(tenant)];
        var list = await _kit.ListAsync(tenant, 30, names: 30);
        var campaign = await RunningAsync(tenant, list, senders);
        // The first 12 recipients last talked with the second sender; one other with a sender outside this campaign.
        var other = await _kit.SenderAsync(tenant);
        await using (var sticky = _kit.DataSource.CreateCommand(
            """
            insert into campaigns.recipients (tenant_id, phone, sender_id)
            select $1, phone, case when line <= 13 then $2 else $3 end from campaigns.messages where campaign_id = $4 and line <= 14
            """))
        {
            sticky.Parameters.Add(new() { Value = tenant.Value });
            sticky.Parameters.Add(new() { Value = senders[1].Value });
            sticky.Parameters.Add(new() { Value = other.Value });
            sticky.Parameters.Add(new() { Value = campaign.Id.Value });
            await sticky.ExecuteNonQueryAsync(Cancel);
        }

        await _kit.Assign.RunAsync(campaign.Id.Value, Cancel);

        Assert.Equal(12, await _kit.ScalarAsync(
            $"select count(*) from campaigns.messages where campaign_id = $1 and line <= 13 and sender_id = '{senders[1].Value}'", campaign));
        var counts = await _kit.CountsBySenderAsync(campaign);
        Assert.Equal([9L, 12L, 9L], senders.Select(s => counts[s.Value]));
        Assert.False(counts.ContainsKey(other.Value));
    }

    [Fact]
    public async Task RunAsync_TwiceAtOnce_AssignsEachMessageOnceAndEvenly()
    {
        var tenant = await _kit.TenantAsync();
        SenderId[] senders = [await _kit.SenderAsync(tenant), await _kit.SenderAsync(tenant)];
        var campaign = await RunningAsync(tenant, await _kit.ListAsync(tenant, 101, names: 101), senders);

        var runs = await Task.WhenAll(_kit.Assign.RunAsync(campaign.Id.Value, Cancel), _kit.Assign.RunAsync(campaign.Id.Value, Cancel));
        var again = await _kit.Assign.RunAsync(campaign.Id.Value, Cancel);

        Assert.Equal(101, runs.Sum());
        Assert.Equal(0, again);
        var counts = await _kit.CountsBySenderAsync(campaign);
        Assert.Equal([51L, 50L], senders.Select(s => counts[s.Value]));
    }

    [Fact]
    public async Task RunAsync_SendersThatCannotSend_GetNothing()
    {
        var tenant = await _kit.TenantAsync();
        var open = await _kit.SenderAsync(tenant);
        var closed = await _kit.SenderAsync(tenant, SenderState.Close);
        var unlinked = await _kit.SenderAsync(tenant, linked: false);
        var paused = await _kit.SenderAsync(tenant);
        var campaign = await RunningAsync(tenant, await _kit.ListAsync(tenant, 10, names: 10), [closed, open, unlinked, paused]);
        await new SenderStore(_kit.DataSource).PauseAsync(tenant, paused, "paused by its user", CampaignKit.Now, Cancel);

        await _kit.Assign.RunAsync(campaign.Id.Value, Cancel);

        Assert.Equal(new Dictionary<Guid, long> { [open.Value] = 10 }, await _kit.CountsBySenderAsync(campaign));
    }

    [Fact]
    public async Task RunAsync_CampaignNotRunning_AssignsNothing()
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await _kit.ReadyAsync(tenant, await _kit.ListAsync(tenant, 5, names: 5), [await _kit.SenderAsync(tenant)]);

        Assert.Equal(0, await _kit.Assign.RunAsync(campaign.Id.Value, Cancel));
        Assert.Equal(5, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1 and status = 'pending'", campaign));
    }

    [Fact]
    public async Task RunAsync_NothingLeftToSend_CompletesTheCampaign()
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await RunningAsync(tenant, await _kit.ListAsync(tenant, 5, names: 5), [await _kit.SenderAsync(tenant)]);
        await _kit.ExecuteAsync("update campaigns.messages set status = 'skipped', skip_reason = 'test' where campaign_id = $1", campaign);

        await _kit.Assign.RunAsync(campaign.Id.Value, Cancel);

        var completed = await _kit.FindAsync(campaign);
        Assert.Equal(CampaignStatus.Completed, completed.Status);
        Assert.NotNull(completed.CompletedAt);
    }

    [Fact]
    public async Task RunAsync_NumberSuppressedSinceThePrepare_SkippedNotQueued()
    {
        var tenant = await _kit.TenantAsync();
        var campaign = await RunningAsync(tenant, await _kit.ListAsync(tenant, 5, names: 5), [await _kit.SenderAsync(tenant)]);
        // An opt-out (or a person) suppresses a number after the prepare stored its message.
        await _kit.ExecuteAsync(
            """
            insert into campaigns.suppressions (tenant_id, phone, reason)
            select c.tenant_id, m.phone, 'opt_out' from campaigns.messages m join campaigns.campaigns c on c.id = m.campaign_id
             where m.campaign_id = $1 order by m.phone limit 1
            """,
            campaign);

        Assert.Equal(4, await _kit.Assign.RunAsync(campaign.Id.Value, Cancel));

        Assert.Equal(1, await _kit.ScalarAsync(
            """
            select count(*) from campaigns.messages m where m.campaign_id = $1 and m.status = 'skipped' and m.skip_code = 'recipient.suppressed'
               and exists (select 1 from campaigns.suppressions s where s.phone = m.phone)
            """,
            campaign));
    }

    /// <summary>A ready campaign moved to running by hand, so that the test runs the assignment itself.</summary>
    private async Task<Campaign> RunningAsync(Domain.Tenants.TenantId tenant, Engine.Contacts.ContactList list, IReadOnlyList<SenderId> senders)
    {
        var campaign = await _kit.ReadyAsync(tenant, list, senders);
        Assert.True(await _kit.Store.MoveAsync(tenant, campaign.Id, CampaignStatus.Ready, CampaignStatus.Running, CampaignKit.Now, Cancel));
        return campaign;
    }
}
