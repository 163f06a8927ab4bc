using System.Net;
using Campaigns.Sandbox.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace Campaigns.Sandbox.Tests.Chat;

public sealed class ChatEndpointsTests
{
    private static readonly string[] Numbers = [.. Enumerable.Range(0, 40).Select(i => $"2547110{i:D5}")];
    private static readonly string[] Mixed = ["5511999999999", "+1 (415) 555-0100"];

    [Fact]
    public async Task WhatsAppNumbers_MixedNumbers_EchoesEachInputAsNumberWithItsJid()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Network:NotOnWhatsAppNumbers:0"] = "14155550100");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync(
            "/chat/whatsappNumbers/alpha", new { numbers = Mixed });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.JsonAsync()).EnumerateArray().ToDictionary(r => r.GetProperty("number").GetString()!);
        AssertJson.Equal("""{ "jid": "5511999999999@s.whatsapp.net", "exists": true, "number": "5511999999999" }""", results["5511999999999"]);
        AssertJson.Equal("""{ "jid": "14155550100@s.whatsapp.net", "exists": false, "number": "+1 (415) 555-0100" }""", results["+1 (415) 555-0100"]);
    }

    [Fact]
    public async Task WhatsAppNumbers_SameSeedInTwoSandboxes_GivesTheSameAnswersAndHonoursTheShare()
    {
        static void Share(Dictionary<string, string?> s) => s["Sandbox:Network:NotOnWhatsAppShare"] = "0.5";
        await using var first = await TestSandbox.StartAsync(Share);
        await using var second = await TestSandbox.StartAsync(Share);

        var a = await Exists(first);
        var b = await Exists(second);

        Assert.Equal(a, b);
        Assert.InRange(a.Count(e => !e.Value), 8, 32);
    }

    [Fact]
    public async Task WhatsAppNumbers_EmptyList_Returns400WithoutTheResponseWrapper()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/chat/whatsappNumbers/alpha", new { numbers = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertJson.Equal(
            """{ "status": 400, "error": "Bad Request", "message": [["numbers does not meet minimum length of 1"]] }""",
            await response.JsonAsync());
    }

    [Fact]
    public async Task FindMessages_ByKeyId_ReturnsTheSentMessageWithItsUpdates()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        var sent = await client.SendTextAsync("alpha", "254711000001", "Hello");
        await client.SendTextAsync("alpha", "254711000002", "Other");
        var keyId = sent.GetProperty("key").GetProperty("id").GetString();
        await Task.Delay(200, TestContext.Current.CancellationToken); // the timeline's three updates, 5 ms apart

        using var response = await client.PostJsonAsync(
            "/chat/findMessages/alpha", new { where = new { key = new { id = keyId } }, page = 1, offset = 10 });

        var page = (await response.JsonAsync()).GetProperty("messages");
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("pages").GetInt32());
        Assert.Equal(1, page.GetProperty("currentPage").GetInt32());
        var record = page.GetProperty("records")[0];
        Assert.Equal(
            ["id", "key", "pushName", "messageType", "message", "messageTimestamp", "instanceId", "source", "contextInfo", "MessageUpdate"],
            record.Keys());
        Assert.Equal(keyId, record.GetProperty("key").GetProperty("id").GetString());
        Assert.Equal(
            ["SERVER_ACK", "DELIVERY_ACK", "READ"],
            record.GetProperty("MessageUpdate").EnumerateArray().Select(u => u.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task FindMessages_Paged_ReturnsNewestFirstAndEmptyPageWhenNothingMatches()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        for (var i = 0; i < 3; i++)
        {
            await client.SendTextAsync("alpha", $"25471100000{i}", $"Message {i}");
        }

        using var second = await client.PostJsonAsync("/chat/findMessages/alpha", new { page = 2, offset = 2 });
        using var none = await client.PostJsonAsync("/chat/findMessages/alpha", new { where = new { key = new { id = "NOPE" } } });

        var page = (await second.JsonAsync()).GetProperty("messages");
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("pages").GetInt32());
        Assert.Equal("Message 0", page.GetProperty("records")[0].GetProperty("message").GetProperty("conversation").GetString());
        AssertJson.Equal("""{ "messages": { "total": 0, "pages": 0, "currentPage": 1, "records": [] } }""", await none.JsonAsync());
    }

    [Theory]
    [InlineData("close")]
    [InlineData("connecting")]
    public async Task WhatsAppNumbers_NotOpen_Returns400WithTheRawBoom(string state)
    {
        await using var sandbox = await TestSandbox.StartAsync(s =>
        {
            s["Sandbox:Instances:0:State"] = state;
            s["Sandbox:Network:AutoOpenAfterMs"] = "-1";
        });
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/chat/whatsappNumbers/alpha", new { numbers = Mixed });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertJson.Equal(
            """
            { "data": null, "isBoom": true, "isServer": false,
              "output": { "statusCode": 428, "payload": { "statusCode": 428, "error": "Precondition Required", "message": "Connection Closed" }, "headers": {} } }
            """,
            await response.JsonAsync());
    }

    [Fact]
    public async Task WhatsAppNumbers_InstanceNeverStarted_Returns400EmptyObject()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var created = await client.PostJsonAsync("/instance/create", new { instanceName = "idle", integration = "WHATSAPP-BAILEYS" });

        using var response = await client.PostJsonAsync("/chat/whatsappNumbers/idle", new { numbers = Mixed });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertJson.Equal("{}", await response.JsonAsync());
    }

    [Fact]
    public async Task FindMessages_ByRemoteJidAndTimeRange_ReturnsThatChatsMessagesInTheRange()
    {
        var clock = new FakeClock(Instant.FromUtc(2025, 3, 1, 8, 0));
        await using var sandbox = await TestSandbox.StartAsync(clock: clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        var wanted = await client.SendTextAsync("alpha", "254711000001", "Hello");
        await client.SendTextAsync("alpha", "254711000002", "Other chat");
        clock.Advance(Duration.FromHours(1));
        await client.SendTextAsync("alpha", "254711000001", "Later");

        using var response = await client.PostJsonAsync("/chat/findMessages/alpha", new
        {
            where = new
            {
                key = new { remoteJid = "254711000001@s.whatsapp.net" },
                messageTimestamp = new { gte = "2025-03-01T07:59:00Z", lte = "2025-03-01T08:01:00Z" },
            },
        });

        var page = (await response.JsonAsync()).GetProperty("messages");
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(
            wanted.GetProperty("key").GetProperty("id").GetString(),
            page.GetProperty("records")[0].GetProperty("key").GetProperty("id").GetString());
    }

    [Fact]
    public async Task FindMessages_KeyIdOfAnotherInstance_FindsNothing()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        var sent = await client.SendTextAsync("alpha", "254711000001", "Hello");

        using var response = await client.PostJsonAsync(
            "/chat/findMessages/beta", new { where = new { key = new { id = sent.GetProperty("key").GetProperty("id").GetString() } } });

        Assert.Equal(0, (await response.JsonAsync()).GetProperty("messages").GetProperty("total").GetInt32());
    }

    private static async Task<Dictionary<string, bool>> Exists(RunningSandbox sandbox)
    {
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var response = await client.PostJsonAsync("/chat/whatsappNumbers/alpha", new { numbers = Numbers });
        return (await response.JsonAsync()).EnumerateArray().ToDictionary(
            r => r.GetProperty("number").GetString()!, r => r.GetProperty("exists").GetBoolean());
    }
}
