using System.Net;
using System.Text.Json;
using Campaigns.Sandbox.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace Campaigns.Sandbox.Tests.Audit;

/// <summary>Every audit rule is broken on purpose, over HTTP, with a fake clock; and a careful run stays clean.</summary>
public sealed class SendAuditTests
{
    private static readonly string[] Rules = ["gapsUnderFloor", "overDailyCap", "identicalOverLimit", "notOnWhatsApp", "whileNotOpen", "duplicates", "firstContactWhileTimelocked"];

    private readonly FakeClock _clock = new(Instant.FromUtc(2025, 3, 1, 8, 0));

    [Fact]
    public async Task Audit_CarefulRun_HasNoViolations()
    {
        await using var sandbox = await TestSandbox.StartAsync(clock: _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        var numbers = Enumerable.Range(1, 12).Select(i => $"2547110000{i:D2}").ToArray();
        using var checkedNumbers = await client.PostJsonAsync("/chat/whatsappNumbers/alpha", new { numbers });

        foreach (var number in numbers)
        {
            await SendAsync(client, number, $"Hello {number}, your order is ready");
            _clock.Advance(Duration.FromSeconds(2));
        }

        var audit = await client.AuditAsync("alpha");
        Assert.Equal(12, audit.GetProperty("sends").GetInt32());
        AssertNoViolationsExcept(audit, rule: null);
        Assert.Equal(0, audit.GetProperty("examples").GetArrayLength());
    }

    [Fact]
    public async Task Audit_TwoSendsUnderTheFloor_CountsAGapWithAnExample()
    {
        await using var sandbox = await TestSandbox.StartAsync(clock: _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        await SendAsync(client, "254711000001", "Hello one");
        _clock.Advance(Duration.FromMilliseconds(400));
        var second = await SendAsync(client, "254711000002", "Hello two");

        var audit = await client.AuditAsync("alpha");
        AssertViolation(audit, "gapsUnderFloor", 1);
        var example = Example(audit, "gapsUnderFloor");
        Assert.Equal(second.GetProperty("key").GetProperty("id").GetString(), example.GetProperty("keyId").GetString());
        Assert.Contains("400 ms", example.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_MoreSendsThanTheCapInOneLocalDay_CountsTheSendsBeyondIt()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Instances:0:DailyCap"] = "3", _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        for (var i = 1; i <= 5; i++)
        {
            await SendAsync(client, $"25471100000{i}", $"Hello {i}");
            _clock.Advance(Duration.FromMinutes(10));
        }

        var audit = await client.AuditAsync("alpha");
        AssertViolation(audit, "overDailyCap", 2);
        Assert.Contains("send 4 of local day 2025-03-01", Example(audit, "overDailyCap").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("America/New_York", 0)] // 23:00, 23:30 on 1 March and 00:30, 01:00 on 2 March, New York time
    [InlineData("UTC", 2)] // the same four moments all fall on 2 March UTC
    public async Task Audit_SendsAroundLocalMidnight_CountsPerLocalDayOfTheInstancesZone(string zone, int expected)
    {
        var clock = new FakeClock(Instant.FromUtc(2025, 3, 2, 4, 0)); // 23:00 in New York (UTC-5)
        await using var sandbox = await TestSandbox.StartAsync(
            s =>
            {
                s["Sandbox:Instances:0:DailyCap"] = "2";
                s["Sandbox:Instances:0:TimeZone"] = zone;
            },
            clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        foreach (var (number, advance) in new[] { ("254711000001", 30), ("254711000002", 60), ("254711000003", 30), ("254711000004", 0) })
        {
            await SendAsync(client, number, $"Hello {number}");
            clock.Advance(Duration.FromMinutes(advance));
        }

        var audit = await client.AuditAsync("alpha");
        Assert.Equal(expected, audit.GetProperty("violations").GetProperty("overDailyCap").GetInt32());
    }

    [Fact]
    public async Task Audit_OneBodyToElevenRecipients_CountsTheEleventh()
    {
        await using var sandbox = await TestSandbox.StartAsync(clock: _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        for (var i = 1; i <= 11; i++)
        {
            await SendAsync(client, $"2547110000{i:D2}", "Big sale today only!");
            _clock.Advance(Duration.FromSeconds(2));
        }

        var audit = await client.AuditAsync("alpha");
        AssertViolation(audit, "identicalOverLimit", 1);
        var example = Example(audit, "identicalOverLimit");
        Assert.Equal("254711000011@s.whatsapp.net", example.GetProperty("recipient").GetString());
        Assert.Contains("Big sale today only!", example.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_SendToANumberItSaidIsNotOnWhatsApp_CountsIt()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Network:NotOnWhatsAppNumbers:0"] = "254799999999", _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var answer = await client.PostJsonAsync("/chat/whatsappNumbers/alpha", new { numbers = NotOnWhatsApp });

        using var refused = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254799999999", text = "Hello" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var audit = await client.AuditAsync("alpha");
        AssertViolation(audit, "notOnWhatsApp", 1);
        Assert.Equal(0, audit.GetProperty("sends").GetInt32());
        Assert.Equal(1, audit.GetProperty("refused").GetInt32());
        Assert.Contains("had answered exists:false", Example(audit, "notOnWhatsApp").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_SendWhileTheConnectionIsClosed_CountsIt()
    {
        await using var sandbox = await TestSandbox.StartAsync(clock: _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var close = await client.PostAsync(new Uri("/sandbox/instances/alpha/close", UriKind.Relative), null, TestContext.Current.CancellationToken);

        using var refused = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "Hello" });

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        var audit = await client.AuditAsync("alpha");
        AssertViolation(audit, "whileNotOpen", 1);
        Assert.Contains("'close'", Example(audit, "whileNotOpen").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_SameBodyTwiceToOneRecipient_CountsADuplicate()
    {
        await using var sandbox = await TestSandbox.StartAsync(clock: _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        var first = await SendAsync(client, "254711000001", "Your code is 1234");
        _clock.Advance(Duration.FromSeconds(5));
        await SendAsync(client, "+254 711 000 001", "Your code is 1234");

        var audit = await client.AuditAsync("alpha");
        AssertViolation(audit, "duplicates", 1);
        Assert.Contains("first sent as #1", Example(audit, "duplicates").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(first.GetProperty("key").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Audit_ManyViolations_KeepsOnlyTheConfiguredNumberOfExamples()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Audit:ExamplesPerRule"] = "2", _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        for (var i = 1; i <= 6; i++)
        {
            await SendAsync(client, $"25471100000{i}", $"Hello {i}");
            _clock.Advance(Duration.FromMilliseconds(100));
        }

        var audit = await client.AuditAsync("alpha");
        AssertViolation(audit, "gapsUnderFloor", 5);
        Assert.Equal(2, audit.GetProperty("examples").EnumerateArray().Count(e => e.GetProperty("rule").GetString() == "gapsUnderFloor"));
    }

    [Fact]
    public async Task Audit_RefusedAttemptJustBeforeASend_IsNotASendForTheFloor()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Network:NotOnWhatsAppNumbers:0"] = "254799999999", _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        await SendAsync(client, "254711000001", "Hello one");
        _clock.Advance(Duration.FromSeconds(2));
        using var refused = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254799999999", text = "Hello" });
        _clock.Advance(Duration.FromMilliseconds(100));
        await SendAsync(client, "254711000002", "Hello two");

        var audit = await client.AuditAsync("alpha");
        AssertViolation(audit, "notOnWhatsApp", 1);
        Assert.Equal(2, audit.GetProperty("sends").GetInt32());
    }

    private static readonly string[] NotOnWhatsApp = ["254799999999"];

    private static async Task<JsonElement> SendAsync(HttpClient client, string number, string text)
    {
        using var response = await client.PostJsonAsync("/message/sendText/alpha", new { number, text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    private static void AssertViolation(JsonElement audit, string rule, int count)
    {
        Assert.Equal(count, audit.GetProperty("violations").GetProperty(rule).GetInt32());
        AssertNoViolationsExcept(audit, rule);
        Assert.Contains(audit.GetProperty("examples").EnumerateArray(), e => e.GetProperty("rule").GetString() == rule);
    }

    private static void AssertNoViolationsExcept(JsonElement audit, string? rule)
    {
        var violations = audit.GetProperty("violations");
        Assert.Equal(Rules, violations.Keys());
        Assert.All(Rules.Where(r => r != rule), r => Assert.Equal(0, violations.GetProperty(r).GetInt32()));
    }

    private static JsonElement Example(JsonElement audit, string rule) =>
        audit.GetProperty("examples").EnumerateArray().First(e => e.GetProperty("rule").GetString() == rule);
}
