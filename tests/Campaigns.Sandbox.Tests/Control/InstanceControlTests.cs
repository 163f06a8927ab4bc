using System.Net;
using Campaigns.Sandbox.Tests.Support;

namespace Campaigns.Sandbox.Tests.Control;

/// <summary>The control calls for instances: the flap of a real unlinked instance, and many open instances at once.</summary>
public sealed class InstanceControlTests
{
    private static readonly string[] ConnectionOnly = ["CONNECTION_UPDATE"];

    [Fact]
    public async Task Flap_OpenInstance_PostsConnectingRepeatedlyAndFlipsItsStateUntilOpened()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var set = await client.PostJsonAsync(
            "/webhook/set/alpha", new { webhook = new { enabled = true, url = receiver.Url.ToString(), events = ConnectionOnly } });

        using var flap = await client.PostEmptyAsync("/sandbox/instances/alpha/flap?intervalMs=100");
        var hooks = await receiver.NextAsync(4);
        var states = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 8; i++)
        {
            states.Add((await client.StateAsync("alpha")).GetString()!);
            await Task.Delay(60, TestContext.Current.CancellationToken);
        }

        using var refused = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "Hello" });
        using var open = await client.PostEmptyAsync("/sandbox/instances/alpha/open");
        var after = await receiver.RestAsync(TimeSpan.FromMilliseconds(400));

        Assert.Equal(HttpStatusCode.OK, flap.StatusCode);
        Assert.All(hooks, h => AssertJson.Equal("""{ "instance": "alpha", "state": "connecting", "statusReason": 200 }""", h.Data));
        Assert.Equal(["close", "connecting"], states.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal("open", after[^1].Data.GetProperty("state").GetString());
        Assert.Equal("open", (await client.StateAsync("alpha")).GetString());
    }

    [Fact]
    public async Task StopFlap_Flapping_NoMoreWebhooks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var set = await client.PostJsonAsync(
            "/webhook/set/alpha", new { webhook = new { enabled = true, url = receiver.Url.ToString(), events = ConnectionOnly } });
        using var flap = await client.PostEmptyAsync("/sandbox/instances/alpha/flap?intervalMs=100");
        await receiver.NextAsync(2);

        using var stop = await client.DeleteAsync("/sandbox/instances/alpha/flap", TestContext.Current.CancellationToken);
        await receiver.RestAsync(TimeSpan.FromMilliseconds(150));
        var later = await receiver.RestAsync(TimeSpan.FromMilliseconds(400));

        Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
        Assert.Empty(later);
    }

    [Fact]
    public async Task Flap_TooShortInterval_Returns400NamingTheField()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient();

        using var response = await client.PostEmptyAsync("/sandbox/instances/alpha/flap?intervalMs=1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("intervalMs", out _));
    }

    [Fact]
    public async Task CreateOpenInstances_Three_MakesLinkedOpenInstancesThatSendWithTheirTokens()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var control = sandbox.CreateClient();

        using var response = await control.PostJsonAsync("/sandbox/instances", new { count = 3, prefix = "bench", firstNumber = "254700200000" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var items = (await response.JsonAsync()).GetProperty("instances").EnumerateArray().ToList();
        Assert.Equal(["bench-1", "bench-2", "bench-3"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(["254700200000", "254700200001", "254700200002"], items.Select(i => i.GetProperty("number").GetString()));
        Assert.Equal("BENCH-3-TOKEN", items[2].GetProperty("token").GetString());
        using var own = sandbox.CreateClient("BENCH-3-TOKEN");
        Assert.Equal("open", (await own.StateAsync("bench-3")).GetString());
        var sent = await own.SendTextAsync("bench-3", "254711000001", "Hello");
        Assert.True(sent.TryGetProperty("key", out _));
        var audit = await own.AuditAsync("bench-3");
        Assert.Equal(1, audit.GetProperty("sends").GetInt32());
        Assert.Equal("254700200002", audit.GetProperty("number").GetString());
        Assert.Equal("Africa/Nairobi", audit.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task CreateOpenInstances_TakenPrefix_Returns409AndCreatesNone()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var control = sandbox.CreateClient();
        using var first = await control.PostJsonAsync("/sandbox/instances", new { count = 2, prefix = "b" });

        using var second = await control.PostJsonAsync("/sandbox/instances", new { count = 3, prefix = "b", firstNumber = "254700300000" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        using var global = sandbox.CreateClient(TestSandbox.GlobalKey);
        var names = (await global.GetJsonAsync("/instance/fetchInstances")).EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Equal(["alpha", "b-1", "b-2", "beta"], names);
    }

    [Theory]
    [InlineData("""{ "count": 0 }""", "count")]
    [InlineData("""{ "count": 2, "firstNumber": "12ab" }""", "firstNumber")]
    [InlineData("""{ "count": 2, "timeZone": "Mars/Olympus" }""", "timeZone")]
    [InlineData("""{ "count": 2, "firstNumber": "999999999999999" }""", "firstNumber")]
    public async Task CreateOpenInstances_BadRequest_Returns400NamingTheField(string json, string field)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var control = sandbox.CreateClient();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await control.PostAsync("/sandbox/instances", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
    }
}
