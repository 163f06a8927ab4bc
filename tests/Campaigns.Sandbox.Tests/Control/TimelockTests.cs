using System.Net;
using Campaigns.Sandbox.Tests.Support;

namespace Campaigns.Sandbox.Tests.Control;

/// <summary>Scripted reach-out timelocks (463) and a scripted restricted account, and the audit's timelock rule.</summary>
public sealed class TimelockTests
{
    private static readonly string[] UpdatesOnly = ["MESSAGES_UPDATE"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string InAnHour => DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", null);

    [Fact]
    public async Task Timelock_ErrorMode_RefusesFirstContactsWith463AndSendsToContactedNumbers()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SendTextAsync("alpha", "254711000001", "Before the lock");

        using var locked = await client.PostJsonAsync("/sandbox/instances/alpha/timelock", new { until = InAnHour, mode = "error" });
        using var first = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000002", text = "Hello" });
        using var contacted = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "Again" });
        using var other = await client.PostJsonAsync("/message/sendText/beta", new { number = "254711000002", text = "Hello" });

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        AssertJson.Equal(
            """{"status":400,"error":"Bad Request","response":{"message":["Error: server returned error 463"]}}""",
            await first.JsonAsync());
        Assert.Equal(HttpStatusCode.Created, contacted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode); // the lock is alpha's only
    }

    [Fact]
    public async Task Timelock_SilentMode_Answers201PendingThenAnErrorUpdateWithStub463()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var set = await client.PostJsonAsync(
            "/webhook/set/alpha", new { webhook = new { enabled = true, url = receiver.Url.ToString(), events = UpdatesOnly } });

        using var locked = await client.PostJsonAsync("/sandbox/instances/alpha/timelock", new { until = InAnHour, mode = "silent" });
        var answer = await client.SendTextAsync("alpha", "254711000003", "Hello");
        var update = Assert.Single(await receiver.NextAsync(1));

        Assert.Equal("PENDING", answer.GetProperty("status").GetString());
        Assert.Equal("ERROR", update.Data.GetProperty("status").GetString());
        Assert.Equal(["463"], update.Data.GetProperty("messageStubParameters").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, (await client.AuditAsync("alpha")).GetProperty("sends").GetInt32());
    }

    [Fact]
    public async Task Audit_FirstContactAttemptedAfterA463WithinTheLock_IsAViolation()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SendTextAsync("alpha", "254711000001", "Before the lock");
        using var locked = await client.PostJsonAsync("/sandbox/instances/alpha/timelock", new { until = InAnHour });

        await client.SendTextAsync("alpha", "254711000002", "Hello"); // answered 463: the sender learns of the lock
        var afterOne = await Violations(client);
        await client.SendTextAsync("alpha", "254711000001", "Again"); // contacted: allowed
        await client.SendTextAsync("alpha", "254711000003", "Hello"); // a first contact after the 463
        var afterTwo = await Violations(client);
        using var ended = await client.DeleteAsync("/sandbox/instances/alpha/timelock", Cancel);
        await client.SendTextAsync("alpha", "254711000004", "Hello"); // the lock is over
        var afterEnd = await Violations(client);

        Assert.Equal((0, 1, 1), (afterOne, afterTwo, afterEnd));
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
    }

    [Fact]
    public async Task Timelock_UntilMissingOrPastAndUnknownMode_Returns400NamingTheFields()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient();

        using var response = await client.PostJsonAsync(
            "/sandbox/instances/alpha/timelock", new { until = "2020-01-01T00:00:00Z", mode = "loud" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["mode", "until"], (await response.JsonAsync()).GetProperty("errors").Keys().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Restriction_On_EverySendAnswersStatusErrorUntilEnded()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var restricted = await client.PostEmptyAsync("/sandbox/instances/alpha/restriction");
        var during = await client.SendTextAsync("alpha", "254711000005", "Hello");
        using var ended = await client.DeleteAsync("/sandbox/instances/alpha/restriction", Cancel);
        var after = await client.SendTextAsync("alpha", "254711000006", "Hello");

        Assert.Equal(HttpStatusCode.NoContent, restricted.StatusCode);
        Assert.Equal(("ERROR", "PENDING"), (during.GetProperty("status").GetString(), after.GetProperty("status").GetString()));
        Assert.Equal((1, 1), ((await client.AuditAsync("alpha")).GetProperty("sends").GetInt32(), (await client.AuditAsync("alpha")).GetProperty("refused").GetInt32()));
    }

    private static async Task<int> Violations(HttpClient client) =>
        (await client.AuditAsync("alpha")).GetProperty("violations").GetProperty("firstContactWhileTimelocked").GetInt32();
}
