using System.Globalization;
using System.Net;
using System.Text.Json;
using Campaigns.Sandbox.Tests.Support;

namespace Campaigns.Sandbox.Tests.Control;

/// <summary>The answer latency of sends, drawn per send, for benchmarks: sends wait concurrently, none holds another up.</summary>
public sealed class SendLatencyTests
{
    [Fact]
    public async Task SendText_LatencySwitch_LeavesWithinTheRangeAfterArriving()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var set = await client.PostJsonAsync("/sandbox/switches", new { sendLatencyMinMs = 300, sendLatencyMaxMs = 400 });

        var sent = await client.SendTextAsync("alpha", "254711000001", "Hello");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.True(sent.TryGetProperty("key", out _));
        var record = (await client.GetJsonAsync("/sandbox/sends?instance=alpha"))[0];
        Assert.InRange((Time(record, "at") - Time(record, "receivedAt")).TotalMilliseconds, 299, 5_000);
    }

    [Fact]
    public async Task SendText_ManySendsUnderLatency_AreAllInFlightAtOnce()
    {
        await using var sandbox = await TestSandbox.StartAsync(s =>
        {
            s["Sandbox:Network:SendLatencyMinMs"] = "2000";
            s["Sandbox:Network:SendLatencyMaxMs"] = "2000";
        });
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        var sends = Enumerable.Range(0, 40).Select(i => client.SendTextAsync("alpha", $"2547110{i:D5}", $"Hello {i}")).ToList();
        await Task.WhenAll(sends);

        var records = (await client.GetJsonAsync("/sandbox/sends?instance=alpha")).EnumerateArray().ToList();
        Assert.Equal(40, records.Count(r => r.GetProperty("outcome").GetString() == "sent"));
        Assert.True(records.Max(r => Time(r, "receivedAt")) < records.Min(r => Time(r, "at")), "every send arrived before the first one left");
    }

    [Fact]
    public async Task ChangeSwitches_LatencyMinAboveMax_Returns400NamingTheField()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient();

        using var response = await client.PostJsonAsync("/sandbox/switches", new { sendLatencyMinMs = 500, sendLatencyMaxMs = 100 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("sendLatencyMaxMs", out _));
    }

    [Fact]
    public async Task StartAsync_LatencyMinAboveMax_FailsValidation()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSandbox.StartAsync(s =>
        {
            s["Sandbox:Network:SendLatencyMinMs"] = "500";
            s["Sandbox:Network:SendLatencyMaxMs"] = "100";
        }));

        Assert.Contains("SendLatencyMaxMs", error.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset Time(JsonElement record, string name) =>
        DateTimeOffset.Parse(record.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
}
