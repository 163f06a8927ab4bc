using System.Diagnostics;
using System.Net;
using Campaigns.Sandbox.Tests.Support;

namespace Campaigns.Sandbox.Tests.Messages;

public sealed class MessageEndpointsTests
{
    [Fact]
    public async Task SendText_ValidRequest_Returns201WithTheContractShape()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync(
            "/message/sendText/alpha", new { number = "+254 711 000 001", text = "Hello", delay = 1200, linkPreview = false });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(
            ["key", "pushName", "status", "message", "contextInfo", "messageType", "messageTimestamp", "instanceId", "source"],
            body.Keys());
        var key = body.GetProperty("key");
        Assert.Equal("254711000001@s.whatsapp.net", key.GetProperty("remoteJid").GetString());
        Assert.True(key.GetProperty("fromMe").GetBoolean());
        Assert.Matches("^3EB0[0-9A-F]{18}$", key.GetProperty("id").GetString());
        Assert.Equal("Você", body.GetProperty("pushName").GetString());
        Assert.Equal("PENDING", body.GetProperty("status").GetString());
        AssertJson.Equal("""{ "conversation": "Hello" }""", body.GetProperty("message"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("contextInfo").ValueKind);
        Assert.Equal("conversation", body.GetProperty("messageType").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, body.GetProperty("messageTimestamp").ValueKind);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", body.GetProperty("instanceId").GetString());
        Assert.Equal("web", body.GetProperty("source").GetString());
    }

    [Fact]
    public async Task SendText_MissingTextAndBadNumber_Returns400WithNestedValidationMessages()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/message/sendText/alpha", new { number = 5511999999999 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertJson.Equal(
            """{ "status": 400, "error": "Bad Request", "response": { "message": [["Invalid format", "instance requires property \"text\""]] } }""",
            await response.JsonAsync());
    }

    [Theory]
    [InlineData("""{ "number": "1", "text": "Hi", "delay": "soon" }""", "Enter a value in milliseconds")]
    [InlineData("""{ "number": "1", "text": 7 }""", "text is not of a type(s) string")]
    [InlineData("""{ "number": "1", "text": "Hi", "quoted": { "key": {} } }""", "quoted.key requires property \"id\"")]
    [InlineData("""{ "text": "Hi" }""", "instance requires property \"number\"")]
    public async Task SendText_SchemaViolation_NamesItAsJsonSchemaDoes(string json, string message)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/message/sendText/alpha", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = (await response.JsonAsync()).GetProperty("response").GetProperty("message")[0];
        Assert.Equal([message], messages.EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task SendText_BlankText_Returns400TextIsRequired()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "  " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertJson.Equal("""{ "status": 400, "error": "Bad Request", "response": { "message": ["Text is required"] } }""", await response.JsonAsync());
    }

    [Fact]
    public async Task SendText_NumberNotOnWhatsApp_Returns400WithTheExistsFalseObject()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Network:NotOnWhatsAppNumbers:0"] = "5511999999999");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/message/sendText/alpha", new { number = "5511999999999", text = "Hello" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertJson.Equal(
            """{ "status": 400, "error": "Bad Request", "response": { "message": [{ "jid": "5511999999999@s.whatsapp.net", "exists": false, "number": "5511999999999" }] } }""",
            await response.JsonAsync());
    }

    [Theory]
    [InlineData("close")]
    [InlineData("connecting")]
    public async Task SendText_NotOpenWhenTheSendArrives_Returns500ConnectionClosedAsAString(string state)
    {
        await using var sandbox = await TestSandbox.StartAsync(s =>
        {
            s["Sandbox:Instances:0:State"] = state;
            s["Sandbox:Network:AutoOpenAfterMs"] = "-1";
        });
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "Hello" });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertJson.Equal(
            """{ "status": 500, "error": "Internal Server Error", "response": { "message": "Connection Closed" } }""", await response.JsonAsync());
    }

    [Fact]
    public async Task SendText_ConnectionClosesDuringTheDelay_Returns400ErrorConnectionClosed()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Network:TypingDelayScale"] = "1");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        await client.StateAsync("alpha"); // a connection and a warm server, so the send arrives at once
        var send = client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "Hello", delay = 800 });
        await Task.Delay(200, TestContext.Current.CancellationToken);
        using var closed = await client.PostEmptyAsync("/sandbox/instances/alpha/close");
        using var response = await send;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertJson.Equal("""{ "status": 400, "error": "Bad Request", "response": { "message": ["Error: Connection Closed"] } }""", await response.JsonAsync());
    }

    [Fact]
    public async Task SendText_InstanceCreatedWithoutQrCode_Returns500TypeErrorUntilConnected()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var created = await client.PostJsonAsync("/instance/create", new { instanceName = "idle", integration = "WHATSAPP-BAILEYS", qrcode = false });

        using var before = await client.PostJsonAsync("/message/sendText/idle", new { number = "254711000001", text = "Hello" });
        await client.GetJsonAsync("/instance/connect/idle");
        using var after = await client.PostJsonAsync("/message/sendText/idle", new { number = "254711000001", text = "Hello" });

        Assert.Equal(HttpStatusCode.InternalServerError, before.StatusCode);
        AssertJson.Equal(
            """{ "status": 500, "error": "Internal Server Error", "response": { "message": "Cannot read properties of undefined (reading 'onWhatsApp')" } }""",
            await before.JsonAsync());
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        var record = (await client.GetJsonAsync("/sandbox/sends?instance=idle"))[0];
        Assert.Equal("notStarted", record.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task SendMedia_MediaDownloadFails_Returns500AxiosErrorAndNothingIsSent()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync(
            "/message/sendMedia/alpha", new { number = "254711000001", mediatype = "image", media = "https://cdn.example.invalid/promo.png" });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertJson.Equal(
            """{ "status": 500, "error": "Internal Server Error", "response": { "message": ["AxiosError: getaddrinfo ENOTFOUND cdn.example.invalid"] } }""",
            await response.JsonAsync());
        var audit = await client.AuditAsync("alpha");
        Assert.Equal(0, audit.GetProperty("sends").GetInt32());
        Assert.Equal("mediaFailed", (await client.GetJsonAsync("/sandbox/sends?instance=alpha"))[0].GetProperty("outcome").GetString());
        using var found = await client.PostJsonAsync("/chat/findMessages/alpha", new { });
        Assert.Equal(0, (await found.JsonAsync()).GetProperty("messages").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SendMedia_NotOpen_Returns500WithErrorConnectionClosedInAnArray()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Instances:0:State"] = "close");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync(
            "/message/sendMedia/alpha", new { number = "254711000001", mediatype = "image", media = "https://example.com/promo.png" });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertJson.Equal(
            """{ "status": 500, "error": "Internal Server Error", "response": { "message": ["Error: Connection Closed"] } }""", await response.JsonAsync());
    }

    [Fact]
    public async Task SendText_Delay_BlocksForTheScaledDelay()
    {
        await using var sandbox = await TestSandbox.StartAsync(s =>
        {
            s["Sandbox:Network:TypingDelayScale"] = "0.1";
            s["Sandbox:Network:MaxTypingDelayMs"] = "250";
        });
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        var scaled = Stopwatch.StartNew();
        using var first = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "a", delay = 2000 });
        scaled.Stop();
        var capped = Stopwatch.StartNew();
        using var second = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000002", text = "b", delay = 60_000 });
        capped.Stop();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.InRange(scaled.ElapsedMilliseconds, 190, 2000);
        Assert.InRange(capped.ElapsedMilliseconds, 240, 2000);
    }

    [Fact]
    public async Task SendMedia_DocumentByUrl_Returns201DocumentMessage()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/message/sendMedia/alpha", new
        {
            number = "254711000001",
            mediatype = "document",
            mimetype = "application/pdf",
            caption = "Your invoice",
            media = "https://example.com/invoice.pdf",
            fileName = "invoice.pdf",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("documentMessage", body.GetProperty("messageType").GetString());
        var document = body.GetProperty("message").GetProperty("documentMessage");
        Assert.Equal("invoice.pdf", document.GetProperty("fileName").GetString());
        Assert.Equal("Your invoice", document.GetProperty("caption").GetString());
    }

    [Theory]
    [InlineData("document", "aGVsbG8gd29ybGQh", "For base64 the file name must be informed.")]
    [InlineData("image", "not a url", "Owned media must be a url or base64")]
    public async Task SendMedia_BadMedia_Returns400(string mediaType, string media, string message)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/message/sendMedia/alpha", new { number = "254711000001", mediatype = mediaType, media });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await response.JsonAsync()).GetProperty("response").GetProperty("message")[0].GetString());
    }

    [Fact]
    public async Task SendMedia_UnknownMediaType_Returns400EnumMessage()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/message/sendMedia/alpha", new { number = "254711000001", mediatype = "gif" });

        var messages = (await response.JsonAsync()).GetProperty("response").GetProperty("message")[0];
        Assert.Equal(["mediatype is not one of enum values: image,document,video,audio"], messages.EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task SendWhatsAppAudio_Url_Returns201VoiceNote()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync(
            "/message/sendWhatsAppAudio/alpha", new { number = "254711000001", audio = "https://example.com/hello.ogg" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("audioMessage", body.GetProperty("messageType").GetString());
        Assert.True(body.GetProperty("message").GetProperty("audioMessage").GetProperty("ptt").GetBoolean());
    }

    [Fact]
    public async Task SendText_MalformedJson_Returns400WithAStringMessage()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var content = new StringContent("""{ "number": """, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/message/sendText/alpha", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.String, body.GetProperty("response").GetProperty("message").ValueKind);
    }
}
