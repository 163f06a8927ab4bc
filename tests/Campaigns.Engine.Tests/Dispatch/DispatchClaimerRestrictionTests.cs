using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>The claim of a sender under a reach-out timelock: only recipients it already contacted.</summary>
public sealed class DispatchClaimerRestrictionTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    [Fact]
    public async Task ClaimAsync_RestrictedSender_TakesOnlyRecipientsItContacted()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var (contacted, first) = (DispatchKit.NewNumber("+25481"), DispatchKit.NewNumber("+25482"));
        var campaign = await _kit.CampaignAsync(tenant, [sender], [(first, sender), (contacted, sender)]); // the first contact sorts first
        await ContactedAsync(tenant, contacted, sender);
        await _kit.ExecuteAsync("update campaigns.senders set restricted_until = now() + interval '1 hour' where id = $1", sender.Id);
        var claimer = _kit.Claimer();

        var claim = await claimer.ClaimAsync(1000, "t", Cancel);
        await _kit.ExecuteAsync("update campaigns.numbers set next_send_at = now(), last_sent_at = null where phone = $1", sender.Number);
        var again = await claimer.ClaimAsync(1000, "t", Cancel);

        Assert.Equal(contacted, Assert.Single(claim.Sends).Recipient);
        Assert.Empty(again.Sends);
        Assert.Equal("queued", (await _kit.MessagesAsync(campaign))[first].Status);
    }

    [Fact]
    public async Task ClaimAsync_RestrictedSenderWithOnlyFirstContacts_LooksAgainAtTheLocksEndWhenSooner()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        await _kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25483"), sender)]);
        await _kit.ExecuteAsync("update campaigns.senders set restricted_until = now() + interval '20 seconds' where id = $1", sender.Id);

        var claim = await _kit.Claimer(DispatchKit.Options(o => o.BlockedRecheck = TimeSpan.FromMinutes(1))).ClaimAsync(1000, "t", Cancel);

        Assert.Empty(claim.Sends);
        Assert.True(await _kit.ScalarAsync<bool>(
            """
            select n.next_send_at = s.restricted_until
            from campaigns.numbers n join campaigns.senders s on s.phone = n.phone where s.id = $1
            """,
            sender.Id));
    }

    [Fact]
    public async Task ClaimAsync_RecipientContactedByAnotherSender_IsAFirstContactForARestrictedOne()
    {
        var tenant = await _kit.TenantAsync();
        var (other, restricted) = (await _kit.SenderAsync(tenant), await _kit.SenderAsync(tenant));
        var recipient = DispatchKit.NewNumber("+25484");
        await _kit.CampaignAsync(tenant, [restricted], [(recipient, restricted)]);
        await ContactedAsync(tenant, recipient, other);
        await _kit.ExecuteAsync("update campaigns.senders set restricted_until = now() + interval '1 hour' where id = $1", restricted.Id);

        var claim = await _kit.Claimer().ClaimAsync(1000, "t", Cancel);

        Assert.Empty(claim.Sends);
    }

    [Fact]
    public async Task ClaimAsync_AnotherSenderTakesAContactedRecipient_ItIsNoLongerContacted()
    {
        var tenant = await _kit.TenantAsync();
        var (before, now) = (await _kit.SenderAsync(tenant), await _kit.SenderAsync(tenant));
        var recipient = DispatchKit.NewNumber("+25485");
        await _kit.CampaignAsync(tenant, [now], [(recipient, now)]);
        await ContactedAsync(tenant, recipient, before);

        Assert.Single((await _kit.Claimer().ClaimAsync(1000, "t", Cancel)).Sends);
        Assert.True(await _kit.ScalarAsync<bool>(
            "select contacted_at is null and sender_id = $3 from campaigns.recipients where tenant_id = $1 and phone = $2", tenant, recipient, now.Id));
    }

    private Task ContactedAsync(Guid tenant, string recipient, TestSender sender) =>
        _kit.ExecuteAsync(
            """
            insert into campaigns.recipients (tenant_id, phone, sender_id, contacted_at) values ($1, $2, $3, now() - interval '2 days')
            """,
            tenant, recipient, sender.Id);
}
