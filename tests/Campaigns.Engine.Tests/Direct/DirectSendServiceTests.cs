using Campaigns.Domain.Tenants;
using Campaigns.Engine.Direct;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Tests.Shared;
using static Campaigns.Engine.Tests.Direct.DirectKit;

namespace Campaigns.Engine.Tests.Direct;

public sealed class DirectSendServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly DispatchKit _kit = new(database);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_Number_QueuedAsAHiddenRunningCampaignOfOneMessageOnItsSender()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber("+25471");

        var accepted = await SendAsync(Service(database), tenant, Request("0" + phone[4..], "Your order has shipped\r\n"));

        var message = accepted.Message;
        Assert.Equal((phone, sender.Id, "api", "queued", 1, "Your order has shipped", false),
            (message.Number, message.SenderId, message.Origin, message.Status, message.QueuePlace, message.Text, accepted.Replayed));
        var campaign = await _kit.ScalarAsync<string>(
            "select kind || ' ' || status || ' ' || window_time_zone || ' ' || (select count(*) from campaigns.campaign_senders where campaign_id = $1) from campaigns.campaigns where id = $1",
            message.Id);
        Assert.Equal("direct running UTC 1", campaign);
        Assert.Equal(
            Domain.Templates.MessageBody.Hash("your order has shipped"),
            await _kit.ScalarAsync<byte[]>("select body_hash from campaigns.messages where campaign_id = $1", message.Id));
        // The sender's number is woken: the claim looks at it at once.
        Assert.True(await _kit.ScalarAsync<bool>("select next_send_at <= now() from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task SendAsync_NumberFreshInThePrecheckCache_ClaimableAtOnceWithTheCachedChat()
    {
        var tenant = await _kit.TenantAsync();
        await _kit.SenderAsync(tenant);
        var (fresh, stale, absent) = (DispatchKit.NewNumber("+25471"), DispatchKit.NewNumber("+25471"), DispatchKit.NewNumber("+25471"));
        await _kit.ExecuteAsync(
            """
            insert into campaigns.number_checks (tenant_id, phone, on_whatsapp, jid, checked_at)
            values ($1, $2, true, 'cached@s.whatsapp.net', now() - interval '1 day'), ($1, $3, true, null, now() - interval '31 days')
            """,
            tenant, fresh, stale);
        var service = Service(database);

        var ids = new List<Guid>();
        foreach (var (phone, i) in new[] { fresh, stale, absent }.Select((p, i) => (p, i)))
        {
            ids.Add((await SendAsync(service, tenant, Request(phone, $"Text {i}"))).Message.Id);
        }

        // A fresh answer (30 days by default) is used: the send needs no lookup; a stale one or none waits for the pre-check.
        Assert.Equal("cached@s.whatsapp.net", await _kit.ScalarAsync<string>("select jid from campaigns.messages where campaign_id = $1", ids[0]));
        Assert.True(await _kit.ScalarAsync<bool>("select jid is null from campaigns.messages where campaign_id = $1", ids[1]));
        Assert.True(await _kit.ScalarAsync<bool>("select jid is null from campaigns.messages where campaign_id = $1", ids[2]));
    }

    [Fact]
    public async Task SendAsync_SuppressedNumber_RefusedAndNothingStored()
    {
        var tenant = await _kit.TenantAsync();
        await _kit.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber("+25471");
        await _kit.ExecuteAsync("insert into campaigns.suppressions (tenant_id, phone, reason) values ($1, $2, 'manual')", tenant, phone);

        var result = await Service(database).SendAsync(new TenantId(tenant), Request(phone), Cancel);

        Assert.Equal(("direct.suppressed", "number"), (result.Error.Code, result.Error.Field));
        Assert.Empty(await DirectAsync(_kit, tenant));
    }

    [Fact]
    public async Task SendAsync_NoSenderNamed_StickySenderOfTheNumberElseTheLeastLoaded()
    {
        var tenant = await _kit.TenantAsync();
        var busy = await _kit.SenderAsync(tenant);
        var idle = await _kit.SenderAsync(tenant);
        var sticky = await _kit.SenderAsync(tenant);
        // The busy and sticky senders each have a queued campaign message; the idle one has none.
        await _kit.CampaignAsync(tenant, [busy, sticky], [(DispatchKit.NewNumber("+25472"), busy), (DispatchKit.NewNumber("+25472"), sticky)]);
        var talked = DispatchKit.NewNumber("+25471");
        await _kit.ExecuteAsync("insert into campaigns.recipients (tenant_id, phone, sender_id, contacted_at) values ($1, $2, $3, now())", tenant, talked, sticky.Id);
        var service = Service(database);

        var toTalked = await SendAsync(service, tenant, Request(talked));
        var toNew = await SendAsync(service, tenant, Request(DispatchKit.NewNumber("+25471"), "A second text"));

        Assert.Equal(sticky.Id, toTalked.Message.SenderId);
        Assert.Equal(idle.Id, toNew.Message.SenderId);
    }

    [Fact]
    public async Task SendAsync_StickySenderPaused_TheLeastLoadedUsableInstead()
    {
        var tenant = await _kit.TenantAsync();
        var sticky = await _kit.SenderAsync(tenant);
        var other = await _kit.SenderAsync(tenant);
        await _kit.ExecuteAsync("update campaigns.senders set paused_reason = 'user', paused_at = now() where id = $1", sticky.Id);
        var talked = DispatchKit.NewNumber("+25471");
        await _kit.ExecuteAsync("insert into campaigns.recipients (tenant_id, phone, sender_id) values ($1, $2, $3)", tenant, talked, sticky.Id);

        var accepted = await SendAsync(Service(database), tenant, Request(talked));

        Assert.Equal(other.Id, accepted.Message.SenderId);
    }

    [Fact]
    public async Task SendAsync_NoUsableSender_RefusedNamingEach()
    {
        var tenant = await _kit.TenantAsync();
        var paused = await _kit.SenderAsync(tenant);
        await _kit.ExecuteAsync("update campaigns.senders set paused_reason = 'user', paused_at = now() where id = $1", paused.Id);

        var result = await Service(database).SendAsync(new TenantId(tenant), Request(DispatchKit.NewNumber("+25471")), Cancel);

        Assert.Equal(("direct.no_usable_senders", "senderId"), (result.Error.Code, result.Error.Field));
        Assert.Contains(paused.Id.ToString(), result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(await DirectAsync(_kit, tenant));
    }

    [Fact]
    public async Task SendAsync_AnotherTenantsSender_NotFound()
    {
        var tenant = await _kit.TenantAsync();
        await _kit.SenderAsync(tenant);
        var foreign = await _kit.SenderAsync(await _kit.TenantAsync());

        var result = await Service(database).SendAsync(new TenantId(tenant), Request(DispatchKit.NewNumber("+25471"), sender: foreign), Cancel);

        Assert.Equal(("not_found", "senderId"), (result.Error.Code, result.Error.Field));
    }

    [Fact]
    public async Task SendAsync_SameTextToAnEleventhNumberWithin24Hours_Refused()
    {
        var tenant = await _kit.TenantAsync();
        await _kit.SenderAsync(tenant);
        var service = Service(database);
        var phones = Enumerable.Range(0, 11).Select(_ => DispatchKit.NewNumber("+25471")).ToArray();
        foreach (var phone in phones[..10])
        {
            await SendAsync(service, tenant, Request(phone, "Sale today only!"));
        }

        // Differing only in case and spacing is the same text to the rule.
        var eleventh = await service.SendAsync(new TenantId(tenant), Request(phones[10], "sale  TODAY only!"), Cancel);
        var again = await service.SendAsync(new TenantId(tenant), Request(phones[3], "Sale today only!"), Cancel);
        var varied = await service.SendAsync(new TenantId(tenant), Request(phones[10], "Sale today only, Amina!"), Cancel);

        Assert.Equal(("direct.identical", "text"), (eleventh.Error.Code, eleventh.Error.Field));
        Assert.True(again.IsSuccess); // a number that already had it is not another number
        Assert.True(varied.IsSuccess);
    }

    [Fact]
    public async Task SendAsync_SameTextSentMoreThan24HoursAgo_NotCounted()
    {
        var tenant = await _kit.TenantAsync();
        await _kit.SenderAsync(tenant);
        var service = Service(database);
        for (var i = 0; i < 10; i++)
        {
            await SendAsync(service, tenant, Request(DispatchKit.NewNumber("+25471"), "Sale today only!"));
        }

        await _kit.ExecuteAsync("update campaigns.campaigns set created_at = now() - interval '25 hours' where tenant_id = $1", tenant);

        var result = await service.SendAsync(new TenantId(tenant), Request(DispatchKit.NewNumber("+25471"), "Sale today only!"), Cancel);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public async Task SendAsync_SendersQueueFull_RefusedAndAnotherSenderStillTakesIt()
    {
        var tenant = await _kit.TenantAsync();
        var full = await _kit.SenderAsync(tenant);
        var other = await _kit.SenderAsync(tenant);
        var service = Service(database, new DirectSendOptions { MaxQueuedPerSender = 2 });
        await SendAsync(service, tenant, Request(DispatchKit.NewNumber("+25471"), "One", full));
        var second = await SendAsync(service, tenant, Request(DispatchKit.NewNumber("+25471"), "Two", full));

        var third = await service.SendAsync(new TenantId(tenant), Request(DispatchKit.NewNumber("+25471"), "Three", full), Cancel);
        var elsewhere = await service.SendAsync(new TenantId(tenant), Request(DispatchKit.NewNumber("+25471"), "Three", other), Cancel);

        Assert.Equal(2, second.Message.QueuePlace);
        Assert.Equal((DirectSendErrors.QueueFullCode, "senderId"), (third.Error.Code, third.Error.Field));
        Assert.Equal(1, elsewhere.Value.Message.QueuePlace);
        Assert.Equal(3, (await DirectAsync(_kit, tenant)).Count);
    }

    [Fact]
    public async Task SendAsync_SameIdempotencyKey_SameMessageOnceAndADifferentBodyConflicts()
    {
        var tenant = await _kit.TenantAsync();
        await _kit.SenderAsync(tenant);
        var service = Service(database);
        var phone = DispatchKit.NewNumber("+25471");

        var first = await SendAsync(service, tenant, Request(phone, "Order 77 shipped", key: "order-77"));
        var again = await SendAsync(service, tenant, Request(phone, "Order 77 shipped", key: "order-77"));
        var changed = await service.SendAsync(new TenantId(tenant), Request(phone, "Order 78 shipped", key: "order-77"), Cancel);

        Assert.Equal((first.Message.Id, true), (again.Message.Id, again.Replayed));
        Assert.Equal(("direct.idempotency_conflict", "Idempotency-Key"), (changed.Error.Code, changed.Error.Field));
        Assert.Single(await DirectAsync(_kit, tenant));
    }

    [Fact]
    public async Task SendAsync_ConcurrentSendsUnderOneKey_StoreOneMessage()
    {
        var tenant = await _kit.TenantAsync();
        await _kit.SenderAsync(tenant);
        var service = Service(database);
        var phone = DispatchKit.NewNumber("+25471");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => service.SendAsync(new TenantId(tenant), Request(phone, "Hi", key: "k1"), Cancel)));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Single(results.Select(r => r.Value.Message.Id).Distinct());
        Assert.Single(await DirectAsync(_kit, tenant));
    }

    [Fact]
    public async Task SendAsync_MessageSettled_ItsCampaignCompletesWithoutACampaignAlert()
    {
        var tenant = await _kit.TenantAsync();
        await new Alerts.AlertKit(database).SetUrlAsync(tenant, new Uri("https://93.184.216.34/alerts") /* never posted to */);
        await _kit.SenderAsync(tenant);
        var id = (await SendAsync(Service(database), tenant, Request(DispatchKit.NewNumber("+25471")))).Message.Id;
        await _kit.ExecuteAsync("update campaigns.campaigns set waiting_since = now() where id = $1", id);
        await _kit.ExecuteAsync("update campaigns.messages set status = 'sent', sent_at = now() where campaign_id = $1", id);

        await _kit.ExecuteAsync(Engine.Dispatch.DispatchCompleter.CompleteCampaigns, new[] { id });

        Assert.Equal("completed", await _kit.ScalarAsync<string>("select status from campaigns.campaigns where id = $1", id));
        Assert.Equal(0L, await _kit.ScalarAsync<long>("select count(*) from campaigns.alert_outbox where tenant_id = $1", tenant));
    }

    [Theory]
    [InlineData("call me", null, "number")]
    [InlineData("+254711000001", "", "text")]
    [InlineData("+254711000001", "   ", "text")]
    public async Task SendAsync_BadRequest_RefusedNamingTheField(string number, string? text, string field)
    {
        var tenant = await _kit.TenantAsync();
        await _kit.SenderAsync(tenant);

        var result = await Service(database).SendAsync(new TenantId(tenant), new DirectSendRequest(null, number, text, null, "KE", null), Cancel);

        Assert.Equal(field, result.Error.Field);
    }

    [Fact]
    public async Task SendAsync_TextOverWhatsAppsLimit_RefusedNamingText()
    {
        var tenant = await _kit.TenantAsync();
        await _kit.SenderAsync(tenant);

        var result = await Service(database).SendAsync(
            new TenantId(tenant), Request(DispatchKit.NewNumber("+25471"), new string('a', Domain.Templates.WhatsAppLimits.TextLength + 1)), Cancel);

        Assert.Equal(("direct.text_too_long", "text"), (result.Error.Code, result.Error.Field));
    }
}
