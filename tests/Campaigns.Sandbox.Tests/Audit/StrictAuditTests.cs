using System.Net;
using System.Text.Json;
using Campaigns.Sandbox.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace Campaigns.Sandbox.Tests.Audit;

/// <summary>
/// The audit is not easier than the rules: bodies normalised, identical bodies and duplicates over all instances, the
/// floor and the cap per linked number, days in each instance's own zone, "not open" when a send arrives and leaves.
/// </summary>
public sealed class StrictAuditTests
{
    private readonly FakeClock _clock = new(Instant.FromUtc(2025, 3, 1, 8, 0));

    [Fact]
    public async Task Audit_BodiesDifferingOnlyInInvisibleCharactersCaseWidthAndSpaces_CountAsOneBody()
    {
        await using var sandbox = await TestSandbox.StartAsync(clock: _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        string[] looks =
        [
            "Big sale today only!", "big sale today only!", "BIG SALE TODAY ONLY!", "Big  sale\ttoday only! ", "Big\u200B sale today only!",
            "Big sale\u00AD today only!", "\uFEFFBig sale today only!", "Ｂｉｇ sale today only!", "Big sale to\u200Dday only!",
            "Big sale\u2060 today only!", "Big sale today\u200C only!",
        ];

        for (var i = 0; i < looks.Length; i++)
        {
            await SendAsync(client, TestSandbox.Alpha, $"2547110000{i + 1:D2}", looks[i]);
            _clock.Advance(Duration.FromSeconds(2));
        }

        var audit = await client.AuditAsync(TestSandbox.Alpha);
        Assert.Equal(1, Violations(audit).GetProperty("identicalOverLimit").GetInt32());
        Assert.Equal(0, Violations(audit).GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task Audit_TenVariantsOfOneTemplate_HaveNoIdenticalBodies()
    {
        await using var sandbox = await TestSandbox.StartAsync(clock: _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        for (var i = 1; i <= 12; i++)
        {
            await SendAsync(client, TestSandbox.Alpha, $"2547110000{i:D2}", i % 2 == 0 ? "Big sale today only!" : $"Big sale today only, friend {i}!");
            _clock.Advance(Duration.FromSeconds(2));
        }

        Assert.Equal(0, Violations(await client.AuditAsync(TestSandbox.Alpha)).GetProperty("identicalOverLimit").GetInt32());
    }

    [Fact]
    public async Task Audit_OneBodySplitOverTwoInstances_CountsItAsOneText()
    {
        await using var sandbox = await TestSandbox.StartAsync(clock: _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        for (var i = 1; i <= 11; i++)
        {
            await SendAsync(client, i % 2 == 0 ? TestSandbox.Alpha : TestSandbox.Beta, $"2547110000{i:D2}", "Big sale today only!");
            _clock.Advance(Duration.FromSeconds(1));
        }

        var whole = await client.WholeAuditAsync();
        Assert.Equal(1, whole.GetProperty("totals").GetProperty("violations").GetProperty("identicalOverLimit").GetInt32());
        Assert.Equal(1, Violations(await client.AuditAsync(TestSandbox.Beta)).GetProperty("identicalOverLimit").GetInt32());
        Assert.Equal(0, whole.GetProperty("totals").GetProperty("violations").GetProperty("gapsUnderFloor").GetInt32());
    }

    [Fact]
    public async Task Audit_OneRecipientGetsTheSameTextFromTwoInstances_CountsADuplicateAndReportsTheRecipient()
    {
        await using var sandbox = await TestSandbox.StartAsync(clock: _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        var first = await SendAsync(client, TestSandbox.Alpha, "254711000001", "Your code is 1234");
        _clock.Advance(Duration.FromMinutes(5));
        var second = await SendAsync(client, TestSandbox.Beta, "254711000001", "YOUR  code is\u200B 1234");

        var whole = await client.WholeAuditAsync();
        Assert.Equal(1, whole.GetProperty("totals").GetProperty("violations").GetProperty("duplicates").GetInt32());
        var example = Example(await client.AuditAsync(TestSandbox.Beta), "duplicates");
        Assert.Contains("first sent as #1 by alpha", example.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var recipients = whole.GetProperty("recipients");
        Assert.Equal(1, recipients.GetProperty("distinct").GetInt32());
        Assert.Equal(1, recipients.GetProperty("withSeveralSends").GetInt32());
        var seen = recipients.GetProperty("examples")[0];
        Assert.Equal("254711000001@s.whatsapp.net", seen.GetProperty("recipient").GetString());
        Assert.Equal(["alpha", "beta"], seen.GetProperty("instances").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal([KeyId(first), KeyId(second)], seen.GetProperty("keyIds").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task Audit_DifferentTextsToOneRecipientFromTwoInstances_IsNoDuplicateButIsReported()
    {
        await using var sandbox = await TestSandbox.StartAsync(clock: _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        await SendAsync(client, TestSandbox.Alpha, "254711000001", "Your code is 1234");
        _clock.Advance(Duration.FromMinutes(5));
        await SendAsync(client, TestSandbox.Beta, "254711000001", "Your order has shipped");

        var whole = await client.WholeAuditAsync();
        Assert.Equal(0, whole.GetProperty("totals").GetProperty("violations").GetProperty("duplicates").GetInt32());
        Assert.Equal(1, whole.GetProperty("recipients").GetProperty("withSeveralSends").GetInt32());
        Assert.Equal(2, whole.GetProperty("recipients").GetProperty("mostSends").GetInt32());
    }

    [Theory]
    [InlineData("254700000001", 1)] // beta linked to alpha's number: one budget
    [InlineData("254700000002", 0)] // two numbers: two budgets
    public async Task Audit_TwoInstancesSendingUnderTheFloor_CountAGapOnlyWhenLinkedToOneNumber(string betaNumber, int expected)
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Instances:1:Number"] = betaNumber, _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        await SendAsync(client, TestSandbox.Alpha, "254711000001", "Hello one");
        _clock.Advance(Duration.FromMilliseconds(400));
        await SendAsync(client, TestSandbox.Beta, "254711000002", "Hello two");

        var whole = await client.WholeAuditAsync();
        Assert.Equal(expected, whole.GetProperty("totals").GetProperty("violations").GetProperty("gapsUnderFloor").GetInt32());
        Assert.Equal(expected, Violations(await client.AuditAsync(TestSandbox.Beta)).GetProperty("gapsUnderFloor").GetInt32());
    }

    [Theory]
    [InlineData("254700000001", 2)]
    [InlineData("254700000002", 0)]
    public async Task Audit_TwoInstancesOverOneCap_CountOverTheCapOnlyWhenLinkedToOneNumber(string betaNumber, int expected)
    {
        await using var sandbox = await TestSandbox.StartAsync(
            s =>
            {
                s["Sandbox:Instances:1:Number"] = betaNumber;
                s["Sandbox:Audit:DailyCap"] = "2";
            },
            _clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        for (var i = 1; i <= 4; i++)
        {
            await SendAsync(client, i % 2 == 0 ? TestSandbox.Alpha : TestSandbox.Beta, $"25471100000{i}", $"Hello {i}");
            _clock.Advance(Duration.FromMinutes(10));
        }

        var whole = await client.WholeAuditAsync();
        Assert.Equal(expected, whole.GetProperty("totals").GetProperty("violations").GetProperty("overDailyCap").GetInt32());
    }

    [Theory]
    [InlineData("12125550100", "America/New_York", 0)] // 23:00, 23:30 on 1 March and 00:30, 01:00 on 2 March in New York
    [InlineData("233241234567", "Africa/Accra", 2)] // the same four moments are all on 2 March in Accra (UTC+0)
    public async Task Audit_InstanceMadeByCreate_CountsDaysInItsNumbersZone(string number, string zone, int expected)
    {
        var clock = new FakeClock(Instant.FromUtc(2025, 3, 2, 4, 0));
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Audit:DailyCap"] = "2", clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var created = await client.PostJsonAsync(
            "/instance/create", new { instanceName = "made", integration = "WHATSAPP-BAILEYS", qrcode = true, number });

        await SendAroundMidnightAsync(client, "made", clock);

        var audit = await client.AuditAsync("made");
        Assert.Equal(zone, audit.GetProperty("timeZone").GetString());
        Assert.Equal(number, audit.GetProperty("number").GetString());
        Assert.Equal(expected, Violations(audit).GetProperty("overDailyCap").GetInt32());
    }

    [Theory]
    [InlineData("America/New_York", 0)]
    [InlineData("Etc/UTC", 2)]
    public async Task Audit_ZoneSetByControlCall_CountsDaysInThatZone(string zone, int expected)
    {
        var clock = new FakeClock(Instant.FromUtc(2025, 3, 2, 4, 0));
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Audit:DailyCap"] = "2", clock);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var set = await client.PostJsonAsync($"/sandbox/instances/{TestSandbox.Alpha}/time-zone", new { timeZone = zone });

        await SendAroundMidnightAsync(client, TestSandbox.Alpha, clock);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var audit = await client.AuditAsync(TestSandbox.Alpha);
        Assert.Equal(zone, audit.GetProperty("timeZone").GetString());
        Assert.Equal(expected, Violations(audit).GetProperty("overDailyCap").GetInt32());
    }

    [Fact]
    public async Task SetTimeZone_UnknownZone_Returns400NamingTheField()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient();

        using var response = await client.PostJsonAsync($"/sandbox/instances/{TestSandbox.Alpha}/time-zone", new { timeZone = "Mars/Olympus" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Mars/Olympus", (await response.JsonAsync()).GetProperty("errors").GetProperty("timeZone")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_ConfiguredInstanceWithoutAZone_TakesItsNumbersZone()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        Assert.Equal("Africa/Nairobi", (await client.AuditAsync(TestSandbox.Alpha)).GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Audit_SendArrivingWhileNotOpenThatWouldLeaveAfterItOpens_IsRefusedAndCounted()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Network:TypingDelayScale"] = "1");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var closed = await client.PostEmptyAsync($"/sandbox/instances/{TestSandbox.Alpha}/close");

        await client.StateAsync(TestSandbox.Alpha); // a connection and a warm server, so the send arrives at once
        var send = client.PostJsonAsync($"/message/sendText/{TestSandbox.Alpha}", new { number = "254711000001", text = "Hello", delay = 800 });
        await Task.Delay(200, TestContext.Current.CancellationToken);
        using var opened = await client.PostEmptyAsync($"/sandbox/instances/{TestSandbox.Alpha}/open");
        using var answer = await send;

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        var audit = await client.AuditAsync(TestSandbox.Alpha);
        Assert.Equal(0, audit.GetProperty("sends").GetInt32());
        Assert.Equal(1, Violations(audit).GetProperty("whileNotOpen").GetInt32());
        Assert.Contains("'close' (when the send arrived)", Example(audit, "whileNotOpen").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_ConnectionDropsWhileTheSendWaits_CountsItAtDeparture()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Network:TypingDelayScale"] = "1");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        await client.StateAsync(TestSandbox.Alpha); // a connection and a warm server, so the send arrives at once
        var send = client.PostJsonAsync($"/message/sendText/{TestSandbox.Alpha}", new { number = "254711000001", text = "Hello", delay = 800 });
        await Task.Delay(200, TestContext.Current.CancellationToken);
        using var closed = await client.PostEmptyAsync($"/sandbox/instances/{TestSandbox.Alpha}/close");
        using var answer = await send;

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var audit = await client.AuditAsync(TestSandbox.Alpha);
        Assert.Equal(1, Violations(audit).GetProperty("whileNotOpen").GetInt32());
        Assert.Contains("(when it was about to leave)", Example(audit, "whileNotOpen").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_SecondSendArrivesUnderTheFloorButLeavesAfterIt_CountsTheGapByArrival()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Network:TypingDelayScale"] = "1");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        await SendAsync(client, TestSandbox.Alpha, "254711000001", "Hello one");
        await SendAsync(client, TestSandbox.Alpha, "254711000002", "Hello two", delay: 1500);

        var audit = await client.AuditAsync(TestSandbox.Alpha);
        Assert.Equal(1, Violations(audit).GetProperty("gapsUnderFloor").GetInt32());
        var sends = await client.GetJsonAsync($"/sandbox/sends?instance={TestSandbox.Alpha}");
        var left = sends.EnumerateArray().Select(s => DateTimeOffset.Parse(s.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(left[1] - left[0] >= TimeSpan.FromSeconds(1), "the second send left more than the floor after the first");
    }

    private static async Task SendAroundMidnightAsync(HttpClient client, string instance, FakeClock clock)
    {
        foreach (var (number, advance) in new[] { ("254711000001", 30), ("254711000002", 60), ("254711000003", 30), ("254711000004", 0) })
        {
            await SendAsync(client, instance, number, $"Hello {number}");
            clock.Advance(Duration.FromMinutes(advance));
        }
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, string instance, string number, string text, int delay = 0)
    {
        using var response = await client.PostJsonAsync($"/message/sendText/{instance}", new { number, text, delay });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    private static string? KeyId(JsonElement sent) => sent.GetProperty("key").GetProperty("id").GetString();

    private static JsonElement Violations(JsonElement audit) => audit.GetProperty("violations");

    private static JsonElement Example(JsonElement audit, string rule) =>
        audit.GetProperty("examples").EnumerateArray().First(e => e.GetProperty("rule").GetString() == rule);
}
