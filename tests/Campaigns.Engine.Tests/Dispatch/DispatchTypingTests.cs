using System.Globalization;
using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>Typing simulation through the sandbox, which holds a send for its whole <c>delay</c> as Evolution does.</summary>
public sealed class DispatchTypingTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private DispatchHarness _harness = null!;

    private DispatchKit Kit => _harness.Kit;

    public async ValueTask InitializeAsync() =>
        _harness = await DispatchHarness.StartAsync(database, new Dictionary<string, string?> { ["Sandbox:Network:TypingDelayScale"] = "1" });

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RunAsync_SenderWithTyping_SendsWithADelayFromTheBodyInsideTheGap()
    {
        var tenant = await Kit.TenantAsync();
        TestSender typing = await _harness.SenderAsync(tenant, 0), plain = await _harness.SenderAsync(tenant, 1);
        await Kit.ExecuteAsync("update campaigns.senders set typing = true where id = $1", typing.Id);
        var recipients = Enumerable.Range(0, 4).Select(_ => DispatchKit.NewNumber("+25477")).ToArray();
        // Bodies "Hello <13-character number> from <32 hex digits>": 57 characters, 40 ms each = 2,280 ms of typing.
        var campaign = await Kit.CampaignAsync(tenant, [typing, plain], recipients.Select((r, i) => (r, i < 2 ? typing : plain)));

        await DispatchHarness.RunUntilAsync(
            _harness.Loop(DispatchKit.Options()),
            async () => await Kit.ScalarAsync<string>("select status from campaigns.campaigns where id = $1", campaign) == "completed");

        var typed = (await _harness.SendsAsync(0)).Select(Times).ToList();
        Assert.Equal(2, typed.Count);
        Assert.All(typed, s => Assert.InRange((s.At - s.ReceivedAt).TotalMilliseconds, 2_270, 2_280 + 1_000));
        // (records are to the millisecond) The typing is inside the gap: the next send waits for the floor after the answer, not after the typing again.
        Assert.InRange((typed[1].ReceivedAt - typed[0].At).TotalMilliseconds, 990, 1_000 + 1_000);
        Assert.All((await _harness.SendsAsync(1)).Select(Times), s => Assert.True((s.At - s.ReceivedAt).TotalMilliseconds < 1_000));
    }

    private static (DateTimeOffset ReceivedAt, DateTimeOffset At) Times(System.Text.Json.JsonElement send) =>
        (DateTimeOffset.Parse(send.GetProperty("receivedAt").GetString()!, CultureInfo.InvariantCulture),
         DateTimeOffset.Parse(send.GetProperty("at").GetString()!, CultureInfo.InvariantCulture));
}
