using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Campaigns.Sandbox.Tests.Support;

namespace Campaigns.Sandbox.Tests.Webhooks;

public sealed class WebhookDeliveryTests
{
    private static readonly string[] EnvelopeKeys = ["event", "instance", "data", "destination", "date_time", "sender", "server_url", "apikey"];
    private static readonly string[] UpdatesOnly = ["MESSAGES_UPDATE"];
    private static readonly string[] ConnectionOnly = ["CONNECTION_UPDATE"];
    private static readonly string[] UnknownEvent = ["NOPE"];
    private static readonly string[] SendOnly = ["SEND_MESSAGE"];
    private static readonly string[] OptOutWords = ["STOP", "PARAR", "CANCELÁR", "CANCELAR", "SAIR", "UNSUBSCRIBE"];

    [Fact]
    public async Task SetWebhook_Valid_Returns201WithTheRowShape()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/webhook/set/alpha", new
        {
            webhook = new { enabled = true, url = "https://my.app/hooks/evolution", headers = new { authorization = "Bearer my-secret" }, events = UpdatesOnly },
        });
        var found = await client.GetJsonAsync("/webhook/find/alpha");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var row = await response.JsonAsync();
        Assert.Equal(
            ["id", "url", "headers", "enabled", "events", "webhookByEvents", "webhookBase64", "createdAt", "updatedAt", "instanceId"],
            row.Keys());
        AssertJson.Equal("""{ "authorization": "Bearer my-secret" }""", row.GetProperty("headers"));
        Assert.Equal(["MESSAGES_UPDATE"], row.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(row.GetProperty("id").GetString(), found.GetProperty("id").GetString());
    }

    [Fact]
    public async Task SetWebhook_MissingUrlAndUnknownEvent_Returns400Validation()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/webhook/set/alpha", new { webhook = new { enabled = true, events = UnknownEvent } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = (await response.JsonAsync()).GetProperty("response").GetProperty("message")[0].EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.StartsWith("webhook.events[0] is not one of enum values: APPLICATION_STARTUP,", messages[0], StringComparison.Ordinal);
        Assert.Equal("webhook requires property \"url\"", messages[1]);
    }

    [Fact]
    public async Task FindWebhook_NoneSet_ReturnsNull()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        Assert.Equal(JsonValueKind.Null, (await client.GetJsonAsync("/webhook/find/alpha")).ValueKind);
    }

    [Fact]
    public async Task SendText_WebhookForAllEvents_PostsSendMessageServerDeliveryRead()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: [], headers: new { authorization = "Bearer s3cret" });

        var sent = await client.SendTextAsync("alpha", "254711000001", "Hello");
        var hooks = await receiver.NextAsync(4);

        // Each event is posted on its own, as the real gateway does: they are emitted in this order but may arrive in another.
        Assert.Equal(
            ["messages.update:DELIVERY_ACK", "messages.update:READ", "messages.update:SERVER_ACK", "send.message"],
            hooks.Select(h => h.Label).Order(StringComparer.Ordinal));
        Assert.All(hooks, h => Assert.Equal(EnvelopeKeys, h.Body.Keys()));
        Assert.All(hooks, h => Assert.Equal("Bearer s3cret", h.Headers["authorization"]));
        var sendMessage = hooks.Single(h => h.Label == "send.message");
        var first = sendMessage.Body;
        Assert.Equal("alpha", first.GetProperty("instance").GetString());
        Assert.Equal(receiver.Url.ToString(), first.GetProperty("destination").GetString());
        Assert.Equal("254700000001@s.whatsapp.net", first.GetProperty("sender").GetString());
        Assert.Equal("http://sandbox.test", first.GetProperty("server_url").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", first.GetProperty("date_time").GetString());
        AssertJson.Equal(sent.GetRawText(), sendMessage.Data);
        var update = hooks.Single(h => h.Label == "messages.update:SERVER_ACK").Data;
        Assert.Equal(["messageId", "keyId", "remoteJid", "fromMe", "status", "instanceId"], update.Keys());
        Assert.Equal(sent.GetProperty("key").GetProperty("id").GetString(), update.GetProperty("keyId").GetString());
        Assert.Matches("^c[a-z0-9]{24}$", update.GetProperty("messageId").GetString());
    }

    [Fact]
    public async Task SendText_FilterAndByEvents_PostsOnlyWantedEventsToSuffixedPath()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: UpdatesOnly, byEvents: true);

        await client.SendTextAsync("alpha", "254711000001", "Hello");
        var hooks = await receiver.NextAsync(3);
        var rest = await receiver.RestAsync(TimeSpan.FromMilliseconds(100));

        Assert.All(hooks, h => Assert.Equal("/hooks/evolution/messages-update", h.Path));
        Assert.All(hooks, h => Assert.Equal(receiver.Url.ToString(), h.Body.GetProperty("destination").GetString()));
        Assert.Empty(rest);
    }

    [Fact]
    public async Task SendText_FailingRecipient_PostsError()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Network:FailShare"] = "1");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: []);

        await client.SendTextAsync("alpha", "254711000001", "Hello");
        var hooks = await receiver.NextAsync(2);

        Assert.Equal(["messages.update:ERROR", "send.message"], hooks.Select(h => h.Label).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendText_ReplyingRecipientWhoSaysStop_PostsUpsertStopAfterRead()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync(s =>
        {
            s["Sandbox:Network:ReplyShare"] = "1";
            s["Sandbox:Network:StopShare"] = "1";
        });
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: []);

        await client.SendTextAsync("alpha", "254711000001", "Hello");
        var hooks = await receiver.NextAsync(5);

        var reply = hooks.Single(h => h.Event == "messages.upsert").Data;
        Assert.Equal(
            ["key", "pushName", "status", "message", "contextInfo", "messageType", "messageTimestamp", "instanceId", "source"],
            reply.Keys());
        AssertJson.Equal(
            $$"""{ "remoteJid": "254711000001@s.whatsapp.net", "fromMe": false, "id": "{{reply.GetProperty("key").GetProperty("id").GetString()}}", "addressingMode": "pn" }""",
            reply.GetProperty("key"));
        Assert.Equal("DELIVERY_ACK", reply.GetProperty("status").GetString());
        Assert.Equal("conversation", reply.GetProperty("messageType").GetString());
        var text = reply.GetProperty("message").GetProperty("conversation").GetString()!;
        Assert.Contains(text.Trim().ToUpperInvariant(), OptOutWords);
    }

    [Fact]
    public async Task SendText_DuplicateSwitch_PostsEveryEventTwice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: []);
        using var on = await client.PostJsonAsync("/sandbox/switches", new { webhookDuplicateShare = 1.0 });

        await client.SendTextAsync("alpha", "254711000001", "Hello");
        var hooks = await receiver.NextAsync(8);

        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Equal(
            ["messages.update:DELIVERY_ACK", "messages.update:DELIVERY_ACK", "messages.update:READ", "messages.update:READ",
             "messages.update:SERVER_ACK", "messages.update:SERVER_ACK", "send.message", "send.message"],
            hooks.Select(h => h.Label).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendText_ReorderSwitch_PostsReadFirstAndSendMessageLast()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync(s =>
        {
            // Posts are independent: steps far enough apart that their arrival order is their emission order.
            s["Sandbox:Network:ServerAckDelayMs"] = "150";
            s["Sandbox:Network:DeliveryAckDelayMs"] = "150";
            s["Sandbox:Network:ReadDelayMs"] = "150";
        });
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: []);
        using var on = await client.PostJsonAsync("/sandbox/switches", new { webhookReorder = true });

        await client.SendTextAsync("alpha", "254711000001", "Hello");
        var hooks = await receiver.NextAsync(4);

        Assert.Equal(
            ["messages.update:READ", "messages.update:DELIVERY_ACK", "messages.update:SERVER_ACK", "send.message"],
            hooks.Select(h => h.Label));
    }

    [Fact]
    public async Task CloseAndOpen_ControlEndpoints_PostConnectionUpdates()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: ConnectionOnly);

        using var close = await client.PostAsync(new Uri("/sandbox/instances/alpha/close?statusReason=403", UriKind.Relative), null, TestContext.Current.CancellationToken);
        using var open = await client.PostAsync(new Uri("/sandbox/instances/alpha/open", UriKind.Relative), null, TestContext.Current.CancellationToken);
        var hooks = (await receiver.NextAsync(2)).OrderBy(h => h.Data.GetProperty("state").GetString(), StringComparer.Ordinal).ToList();

        AssertJson.Equal("""{ "instance": "alpha", "state": "close", "statusReason": 403 }""", hooks[0].Data);
        AssertJson.Equal(
            """{ "instance": "alpha", "wuid": "254700000001@s.whatsapp.net", "profileName": "Alpha Ltd", "profilePictureUrl": null, "state": "open", "statusReason": 200 }""",
            hooks[1].Data);
    }

    [Fact]
    public async Task SendText_OneInstancesReceiverHangs_OtherInstancesWebhooksStillArrive()
    {
        using var hanging = new TcpListener(IPAddress.Loopback, 0); // accepts connections, never answers
        hanging.Start();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Webhooks:TimeoutMs"] = "60000");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var stuck = await client.PostJsonAsync("/webhook/set/alpha", new
        {
            webhook = new { enabled = true, url = $"http://127.0.0.1:{((IPEndPoint)hanging.LocalEndpoint).Port}/hooks", events = SendOnly },
        });
        using var fine = await client.PostJsonAsync("/webhook/set/beta", new { webhook = new { enabled = true, url = receiver.Url.ToString(), events = SendOnly } });

        await client.SendTextAsync("alpha", "254711000001", "Hello");
        await client.SendTextAsync("beta", "254711000002", "Hello");
        var hooks = await receiver.NextAsync(1);

        Assert.Equal("beta", hooks[0].Body.GetProperty("instance").GetString());
        }

    [Fact]
    public async Task SendText_Default_BodyCarriesTheInstanceTokenAsApikey()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: SendOnly, byEvents: true);

        await client.SendTextAsync("alpha", "254711000001", "Hello");
        var hook = (await receiver.NextAsync(1))[0];

        Assert.Equal(TestSandbox.AlphaToken, hook.Body.GetProperty("apikey").GetString());
        Assert.Equal("/hooks/evolution/send-message", hook.Path);
        Assert.Equal(receiver.Url.ToString(), hook.Body.GetProperty("destination").GetString());
    }

    [Fact]
    public async Task SendText_ApiKeyNotExposed_BodyCarriesNullApikey()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Webhooks:ExposeApiKey"] = "false");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: SendOnly);

        await client.SendTextAsync("alpha", "254711000001", "Hello");
        var hook = (await receiver.NextAsync(1))[0];

        Assert.Equal(JsonValueKind.Null, hook.Body.GetProperty("apikey").ValueKind);
    }

    [Fact]
    public async Task Close_InstanceWithoutNumber_BodyLeavesSenderOut()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync(s =>
        {
            s["Sandbox:Instances:2:Name"] = "gamma";
            s["Sandbox:Instances:2:Token"] = "GAMMA-TOKEN";
        });
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: ConnectionOnly, instance: "gamma");

        using var close = await client.PostEmptyAsync("/sandbox/instances/gamma/close");
        var hook = (await receiver.NextAsync(1))[0];

        // The real server's sender is the instance's wuid, undefined before a first connect, so JSON drops the key.
        Assert.Equal(["event", "instance", "data", "destination", "date_time", "server_url", "apikey"], hook.Body.Keys());
        Assert.Equal("GAMMA-TOKEN", hook.Body.GetProperty("apikey").GetString());
    }
}
