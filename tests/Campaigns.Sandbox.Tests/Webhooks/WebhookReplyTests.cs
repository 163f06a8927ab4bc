using System.Text.Json;
using Campaigns.Sandbox.Tests.Support;

namespace Campaigns.Sandbox.Tests.Webhooks;

/// <summary>Replies as Evolution 2.3.6 on Baileys 7 posts them: from an <c>@lid</c> in a share, quoting ours in a share.</summary>
public sealed class WebhookReplyTests
{
    private const string Phone = "254711000001";
    private const string PhoneJid = Phone + "@s.whatsapp.net";

    [Fact]
    public async Task SendText_RecipientAddressedByLid_ReplyFromLidWithPhoneInRemoteJidAlt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await StartAsync(lidShare: 1, quoteShare: 0);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: []);

        var sent = await client.SendTextAsync("alpha", Phone, "Hello");
        var hooks = await receiver.NextAsync(5);

        var key = hooks.Single(h => h.Event == "messages.upsert").Data.GetProperty("key");
        Assert.Equal(["remoteJid", "remoteJidAlt", "fromMe", "id", "addressingMode"], key.Keys());
        Assert.Matches(@"^[1-9]\d{14}@lid$", key.GetProperty("remoteJid").GetString());
        Assert.Equal(PhoneJid, key.GetProperty("remoteJidAlt").GetString());
        Assert.Equal("lid", key.GetProperty("addressingMode").GetString());
        // Our send and its receipts keep the jid we sent to.
        Assert.Equal(PhoneJid, sent.GetProperty("key").GetProperty("remoteJid").GetString());
        Assert.All(hooks.Where(h => h.Event == "messages.update"), h => Assert.Equal(PhoneJid, h.Data.GetProperty("remoteJid").GetString()));
        Assert.Equal(PhoneJid, hooks.Single(h => h.Event == "send.message").Data.GetProperty("key").GetProperty("remoteJid").GetString());
    }

    [Fact]
    public async Task SendText_NoLidShare_ReplyFromPhoneJid()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await StartAsync(lidShare: 0, quoteShare: 0);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: []);

        await client.SendTextAsync("alpha", Phone, "Hello");
        var hooks = await receiver.NextAsync(5);

        var key = hooks.Single(h => h.Event == "messages.upsert").Data.GetProperty("key");
        Assert.Equal(PhoneJid, key.GetProperty("remoteJid").GetString());
        Assert.False(key.TryGetProperty("remoteJidAlt", out _));
    }

    [Fact]
    public async Task SendText_RecipientQuotes_ReplyContextInfoNamesOurKeyId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await StartAsync(lidShare: 0, quoteShare: 1);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: []);

        var sent = await client.SendTextAsync("alpha", Phone, "Hello there");
        var hooks = await receiver.NextAsync(5);

        var reply = hooks.Single(h => h.Event == "messages.upsert").Data;
        var context = reply.GetProperty("contextInfo");
        Assert.Equal(sent.GetProperty("key").GetProperty("id").GetString(), context.GetProperty("stanzaId").GetString());
        Assert.Equal("254700000001@s.whatsapp.net", context.GetProperty("participant").GetString());
        AssertJson.Equal("""{ "conversation": "Hello there" }""", context.GetProperty("quotedMessage"));
        Assert.Equal("conversation", reply.GetProperty("messageType").GetString());
    }

    [Fact]
    public async Task SendText_RecipientDoesNotQuote_ReplyContextInfoIsNull()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await StartAsync(lidShare: 0, quoteShare: 0);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: []);

        await client.SendTextAsync("alpha", Phone, "Hello there");
        var hooks = await receiver.NextAsync(5);

        Assert.Equal(JsonValueKind.Null, hooks.Single(h => h.Event == "messages.upsert").Data.GetProperty("contextInfo").ValueKind);
    }

    private static Task<RunningSandbox> StartAsync(double lidShare, double quoteShare) => TestSandbox.StartAsync(s =>
    {
        s["Sandbox:Network:ReplyShare"] = "1";
        s["Sandbox:Network:StopShare"] = "0";
        s["Sandbox:Network:QuoteShare"] = quoteShare.ToString(System.Globalization.CultureInfo.InvariantCulture);
        s["Sandbox:Webhooks:LidShare"] = lidShare.ToString(System.Globalization.CultureInfo.InvariantCulture);
    });
}
