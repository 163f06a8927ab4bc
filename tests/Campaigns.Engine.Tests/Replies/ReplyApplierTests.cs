using System.Text.Json.Nodes;
using Campaigns.Engine.Replies;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Engine.Webhooks;
using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Replies;

public sealed class ReplyApplierTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly ReplyKit _kit = new(database);

    private DispatchKit Dispatch => _kit.Dispatch;

    private static string Jid(string phone) => DispatchKit.Jid(phone);

    [Fact]
    public async Task ApplyAsync_LidWithPhoneInRemoteJidAlt_MatchesTheCampaignMessageByPhone()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var campaign = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        await _kit.SentAsync(campaign, phone, ReplyKit.NewKeyId());
        var keyId = ReplyKit.NewKeyId();

        var results = await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, keyId, "123456789012345@lid", "Oi!", remoteJidAlt: Jid(phone)));

        Assert.Equal(ApplyResult.Applied, Assert.Single(results.Values));
        var reply = Assert.Single(await _kit.RepliesAsync(tenant, keyId));
        Assert.Equal((campaign, phone, phone, "Oi!", null), reply);
        Assert.Equal(ReplyKit.Now, (await _kit.MessageAsync(campaign, phone)).RepliedAt);
    }

    [Fact]
    public async Task ApplyAsync_LidWithoutPhone_MatchesTheMessageSentToThatJid()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var campaign = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        var lid = "9" + phone.TrimStart('+') + "@lid";
        await Dispatch.ExecuteAsync("update campaigns.messages set jid = $3 where campaign_id = $1 and phone = $2", campaign, phone, lid);
        await _kit.SentAsync(campaign, phone, ReplyKit.NewKeyId());
        var keyId = ReplyKit.NewKeyId();

        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, keyId, lid, "Who is this?"));

        Assert.Equal((campaign, phone, null, "Who is this?", null), Assert.Single(await _kit.RepliesAsync(tenant, keyId)));
    }

    [Theory]
    [InlineData(true)] // v2: contextInfo beside the message
    [InlineData(false)] // inside the message's content, as v1 sends it
    public async Task ApplyAsync_QuotesAnOlderMessage_AttributedToTheQuotedOneNotTheLatest(bool atDataLevel)
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var older = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        var latest = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        var quoted = ReplyKit.NewKeyId();
        await _kit.SentAsync(older, phone, quoted, minutesAgo: 300);
        await _kit.SentAsync(latest, phone, ReplyKit.NewKeyId(), minutesAgo: 10);
        var keyId = ReplyKit.NewKeyId();
        var reply = atDataLevel
            ? ReplyKit.Upsert(tenant, sender, keyId, Jid(phone), "Yes please", quotedId: quoted)
            : ReplyKit.Upsert(tenant, sender, keyId, Jid(phone), null, change: data => data["message"] = new JsonObject
            {
                ["extendedTextMessage"] = new JsonObject { ["text"] = "Yes please", ["contextInfo"] = new JsonObject { ["stanzaId"] = quoted } },
            });

        await _kit.ApplyAsync(reply);

        Assert.Equal((older, phone, phone, "Yes please", null), Assert.Single(await _kit.RepliesAsync(tenant, keyId)));
        Assert.NotNull((await _kit.MessageAsync(older, phone)).RepliedAt);
        Assert.Null((await _kit.MessageAsync(latest, phone)).RepliedAt);
    }

    [Fact]
    public async Task ApplyAsync_NoQuote_AttributedToTheLatestSent()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var older = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        var latest = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        var unsent = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        await _kit.SentAsync(older, phone, ReplyKit.NewKeyId(), minutesAgo: 300);
        await _kit.SentAsync(latest, phone, ReplyKit.NewKeyId(), minutesAgo: 10);
        var keyId = ReplyKit.NewKeyId();

        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, keyId, Jid(phone), "ok"));

        Assert.Equal(latest, Assert.Single(await _kit.RepliesAsync(tenant, keyId)).Campaign);
        Assert.Null((await _kit.MessageAsync(older, phone)).RepliedAt);
        Assert.Equal(("queued", null, null), await _kit.MessageAsync(unsent, phone));
    }

    [Fact]
    public async Task ApplyAsync_NumberWithNoCampaignMessage_StoredUnattributed()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var keyId = ReplyKit.NewKeyId();

        var results = await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, keyId, Jid(phone), "Hello?"));

        Assert.Equal(ApplyResult.Applied, Assert.Single(results.Values));
        Assert.Equal((null, null, phone, "Hello?", null), Assert.Single(await _kit.RepliesAsync(tenant, keyId)));
    }

    [Fact]
    public async Task ApplyAsync_ReplyWhileTheSendToThatNumberIsInFlight_WaitsThenAttributesItOnceRecorded()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var campaign = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        // An auto-answer can come back before the send's answer is recorded: the message is still 'sending'.
        await Dispatch.ExecuteAsync("update campaigns.messages set status = 'sending', claimed_at = now() where campaign_id = $1 and phone = $2", campaign, phone);
        var keyId = ReplyKit.NewKeyId();
        var reply = ReplyKit.Upsert(tenant, sender, keyId, Jid(phone), "Auto-reply: we are closed");

        Assert.Equal(ApplyResult.Retry, Assert.Single((await _kit.ApplyAsync(reply)).Values));
        Assert.Empty(await _kit.RepliesAsync(tenant, keyId));

        await _kit.SentAsync(campaign, phone, ReplyKit.NewKeyId(), minutesAgo: 0);
        Assert.Equal(ApplyResult.Applied, Assert.Single((await _kit.ApplyAsync(reply with { Attempts = 1 })).Values));
        Assert.Equal(campaign, Assert.Single(await _kit.RepliesAsync(tenant, keyId)).Campaign);
    }

    [Fact]
    public async Task ApplyAsync_SendInFlightForLong_StoredAfterItsWaits()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var campaign = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        await Dispatch.ExecuteAsync("update campaigns.messages set status = 'sending', claimed_at = now() where campaign_id = $1 and phone = $2", campaign, phone);
        var keyId = ReplyKit.NewKeyId();

        var results = await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, keyId, Jid(phone), "Hello?") with { Attempts = 5 });

        Assert.Equal(ApplyResult.Applied, Assert.Single(results.Values));
        Assert.Single(await _kit.RepliesAsync(tenant, keyId));
    }

    [Fact]
    public async Task ApplyAsync_SameUpsertAgain_ChangesNothing()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var keyId = ReplyKit.NewKeyId();
        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, keyId, Jid(phone), "STOP"));
        // The tenant takes the number off its list by hand; the gateway then resends the old STOP.
        await Dispatch.ExecuteAsync("delete from campaigns.suppressions where tenant_id = $1 and phone = $2", tenant, phone);

        var results = await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, keyId, Jid(phone), "STOP"));

        Assert.Equal(ApplyResult.Applied, Assert.Single(results.Values));
        Assert.Single(await _kit.RepliesAsync(tenant, keyId));
        Assert.Null(await _kit.SuppressionAsync(tenant, phone));
    }

    [Theory]
    [InlineData("fromMe", "{0}@s.whatsapp.net")] // a message typed on the phone, or our own echo
    [InlineData("group", "120363025246125486@g.us")]
    [InlineData("status", "status@broadcast")]
    [InlineData("channel", "120363144038483540@newsletter")]
    public async Task ApplyAsync_NotAContactsMessage_IgnoredAndNothingStored(string kind, string jidFormat)
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var campaign = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        await Dispatch.ExecuteAsync("update campaigns.campaigns set stop_on_reply = true where id = $1", campaign);
        var keyId = ReplyKit.NewKeyId();
        var jid = string.Format(System.Globalization.CultureInfo.InvariantCulture, jidFormat, phone.TrimStart('+'));

        var results = await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, keyId, jid, "STOP", fromMe: kind == "fromMe"));

        Assert.Equal(ApplyResult.Ignored, Assert.Single(results.Values));
        Assert.Empty(await _kit.RepliesAsync(tenant, keyId));
        Assert.Null(await _kit.SuppressionAsync(tenant, phone));
        Assert.Equal("queued", (await _kit.MessageAsync(campaign, phone)).Status);
    }

    [Theory]
    [InlineData("Stop")]
    [InlineData("  PARAR  ")]
    [InlineData("cancelár")]
    [InlineData("stop!")]
    [InlineData("Opt-out")]
    public async Task ApplyAsync_OptOutKeyword_SuppressesAndSkipsUnsentMessagesInEveryCampaign(string text)
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var other = DispatchKit.NewNumber();
        var sent = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender), (other, sender)]);
        var queued = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender), (other, sender)]);
        var pending = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        await Dispatch.ExecuteAsync("update campaigns.messages set status = 'pending', jid = null where campaign_id = $1", pending);
        await Dispatch.ExecuteAsync("update campaigns.campaigns set status = 'ready' where id = $1", pending);
        await _kit.SentAsync(sent, phone, ReplyKit.NewKeyId());
        var keyId = ReplyKit.NewKeyId();

        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, keyId, Jid(phone), text));

        Assert.Equal(("opt_out", text), await _kit.SuppressionAsync(tenant, phone));
        Assert.Equal("stop", Assert.Single(await _kit.RepliesAsync(tenant, keyId)).OptOut);
        Assert.Equal("sent", (await _kit.MessageAsync(sent, phone)).Status);
        Assert.Equal(("skipped", ReplyApplier.OptedOutCode), Skip(await _kit.MessageAsync(queued, phone)));
        Assert.Equal(("skipped", ReplyApplier.OptedOutCode), Skip(await _kit.MessageAsync(pending, phone)));
        Assert.Equal("queued", (await _kit.MessageAsync(queued, other)).Status);
        Assert.Equal("queued", (await _kit.MessageAsync(sent, other)).Status);
    }

    [Theory]
    [InlineData("please don't stop")]
    [InlineData("Stop sending me these")]
    [InlineData("Stopping by later")]
    public async Task ApplyAsync_SentenceContainingAKeyword_NotAnOptOut(string text)
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var campaign = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        var keyId = ReplyKit.NewKeyId();

        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, keyId, Jid(phone), text));

        Assert.Null(await _kit.SuppressionAsync(tenant, phone));
        Assert.Null(Assert.Single(await _kit.RepliesAsync(tenant, keyId)).OptOut);
        Assert.Equal("queued", (await _kit.MessageAsync(campaign, phone)).Status);
    }

    [Fact]
    public async Task ApplyAsync_TenantKeyword_OptsOutForThatTenantOnly()
    {
        var tenant = await Dispatch.TenantAsync();
        var otherTenant = await Dispatch.TenantAsync();
        await Dispatch.ExecuteAsync("update campaigns.tenants set opt_out_keywords = '{\"Basta ya\"}' where id = $1", tenant);
        var sender = await Dispatch.SenderAsync(tenant);
        var otherSender = await Dispatch.SenderAsync(otherTenant);
        var phone = DispatchKit.NewNumber();

        await _kit.ApplyAsync(
            ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), Jid(phone), "¡BASTA YA!"),
            ReplyKit.Upsert(otherTenant, otherSender, ReplyKit.NewKeyId(), Jid(phone), "basta ya"));

        Assert.Equal(("opt_out", "¡BASTA YA!"), await _kit.SuppressionAsync(tenant, phone));
        Assert.Null(await _kit.SuppressionAsync(otherTenant, phone));
    }

    [Fact]
    public async Task ApplyAsync_Start_LiftsAnOptOutButNeverAManualSuppression()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var optedOut = DispatchKit.NewNumber();
        var manual = DispatchKit.NewNumber();
        await Dispatch.ExecuteAsync("insert into campaigns.suppressions (tenant_id, phone, reason) values ($1, $2, 'manual')", tenant, manual);
        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), Jid(optedOut), "STOP"));
        var start = ReplyKit.NewKeyId();

        await _kit.ApplyAsync(
            ReplyKit.Upsert(tenant, sender, start, Jid(optedOut), "start"),
            ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), Jid(manual), "START"));

        Assert.Null(await _kit.SuppressionAsync(tenant, optedOut));
        Assert.Equal(("manual", null), await _kit.SuppressionAsync(tenant, manual));
        Assert.Equal("start", Assert.Single(await _kit.RepliesAsync(tenant, start)).OptOut);
    }

    [Fact]
    public async Task ApplyAsync_StopThenStartInOneBatch_AppliedInTheOrderTheyCame()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var stop = ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), Jid(phone), "STOP");
        var start = ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), Jid(phone), "START");

        await _kit.ApplyAsync(start, stop); // handed over in another order than their ids

        Assert.Null(await _kit.SuppressionAsync(tenant, phone));
    }

    [Fact]
    public async Task ApplyAsync_OptOut_KeepsAManualSuppressionAsItIs()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        await Dispatch.ExecuteAsync("insert into campaigns.suppressions (tenant_id, phone, reason) values ($1, $2, 'manual')", tenant, phone);

        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), Jid(phone), "STOP"));

        Assert.Equal(("manual", null), await _kit.SuppressionAsync(tenant, phone));
    }

    [Fact]
    public async Task ApplyAsync_StopOnReply_SkipsThoseCampaignsUnsentMessageAndCompletesOneLeftEmpty()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var other = DispatchKit.NewNumber();
        var stopping = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender), (other, sender)]);
        var lastOne = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        var paused = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        var keepsGoing = await Dispatch.CampaignAsync(tenant, [sender], [(phone, sender)]);
        await Dispatch.ExecuteAsync("update campaigns.campaigns set stop_on_reply = true where id = any($1)", new[] { stopping, lastOne, paused });
        await Dispatch.ExecuteAsync("update campaigns.campaigns set status = 'paused' where id = $1", paused);

        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), Jid(phone), "Who are you?"));

        Assert.Equal(("skipped", ReplyApplier.RepliedCode), Skip(await _kit.MessageAsync(stopping, phone)));
        Assert.Equal(("skipped", ReplyApplier.RepliedCode), Skip(await _kit.MessageAsync(paused, phone)));
        Assert.Equal("queued", (await _kit.MessageAsync(keepsGoing, phone)).Status);
        Assert.Equal("queued", (await _kit.MessageAsync(stopping, other)).Status);
        Assert.Equal("running", await StatusAsync(stopping));
        Assert.Equal("completed", await StatusAsync(lastOne));
        Assert.Equal("paused", await StatusAsync(paused));
    }

    [Fact]
    public async Task ApplyAsync_AnotherTenantsMessagesAndQuotedIds_Untouched()
    {
        var tenant = await Dispatch.TenantAsync();
        var otherTenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var otherSender = await Dispatch.SenderAsync(otherTenant);
        var phone = DispatchKit.NewNumber();
        var theirs = await Dispatch.CampaignAsync(otherTenant, [otherSender], [(phone, otherSender)]);
        var theirsQueued = await Dispatch.CampaignAsync(otherTenant, [otherSender], [(phone, otherSender)]);
        await Dispatch.ExecuteAsync("update campaigns.campaigns set stop_on_reply = true where id = $1", theirsQueued);
        var theirId = ReplyKit.NewKeyId();
        await _kit.SentAsync(theirs, phone, theirId);
        var keyId = ReplyKit.NewKeyId();

        await _kit.ApplyAsync(ReplyKit.Upsert(tenant, sender, keyId, Jid(phone), "STOP", quotedId: theirId));

        Assert.Equal((null, null, phone, "STOP", "stop"), Assert.Single(await _kit.RepliesAsync(tenant, keyId)));
        Assert.Empty(await _kit.RepliesAsync(otherTenant, keyId));
        Assert.Null((await _kit.MessageAsync(theirs, phone)).RepliedAt);
        Assert.Equal("queued", (await _kit.MessageAsync(theirsQueued, phone)).Status);
        Assert.Null(await _kit.SuppressionAsync(otherTenant, phone));
        Assert.NotNull(await _kit.SuppressionAsync(tenant, phone));
    }

    [Fact]
    public async Task ApplyAsync_ConfiguredWords_ReplaceTheDefaults()
    {
        var tenant = await Dispatch.TenantAsync();
        var sender = await Dispatch.SenderAsync(tenant);
        var phone = DispatchKit.NewNumber();
        var applier = _kit.Applier(new OptOutOptions { StopKeywords = ["HALT"], StartKeywords = ["GO"] });

        await _kit.ApplyAsync(applier, ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), Jid(phone), "STOP"));
        Assert.Null(await _kit.SuppressionAsync(tenant, phone));
        await _kit.ApplyAsync(applier, ReplyKit.Upsert(tenant, sender, ReplyKit.NewKeyId(), Jid(phone), "halt"));
        Assert.NotNull(await _kit.SuppressionAsync(tenant, phone));
    }

    private static (string Status, string? SkipCode) Skip((string Status, string? SkipCode, NodaTime.Instant? RepliedAt) message) =>
        (message.Status, message.SkipCode);

    private Task<string> StatusAsync(Guid campaign) =>
        Dispatch.ScalarAsync<string>("select status from campaigns.campaigns where id = $1", campaign);
}
