using Campaigns.Engine.Tests.Gateway;
using Campaigns.Sandbox.Tests.Support;

namespace Campaigns.Sandbox.Tests.Webhooks;

/// <summary>Each event is posted on its own and retried with Evolution's back-off (webhook.controller.ts <c>retryWebhookRequest</c>).</summary>
public sealed class WebhookRetryTests
{
    private static readonly string[] SendOnly = ["SEND_MESSAGE"];

    [Fact]
    public async Task SendText_ReceiverFailsSendMessage_LaterEventsOfTheSameInstanceStillArrive()
    {
        await using var receiver = await WebhookReceiver.StartAsync(h => h.Event == "send.message" ? 500 : 200);
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Webhooks:MaxAttempts"] = "10"); // 5 s, 10 s, … between tries
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: []);

        await client.SendTextAsync("alpha", "254711000001", "Hello");
        var hooks = await receiver.NextAsync(4);

        Assert.Equal(
            ["messages.update:DELIVERY_ACK", "messages.update:READ", "messages.update:SERVER_ACK", "send.message"],
            hooks.Select(h => h.Label).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendText_ReceiverFailsTwice_RetriesAfterFiveThenTenSecondsWithJitter()
    {
        var failures = 2;
        await using var receiver = await WebhookReceiver.StartAsync(_ => Interlocked.Decrement(ref failures) >= 0 ? 503 : 200);
        using var time = new WatchedTimeProvider();
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Webhooks:MaxAttempts"] = "10", time: time);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: SendOnly);
        var cancellationToken = TestContext.Current.CancellationToken;

        await client.SendTextAsync("alpha", "254711000001", "Hello");
        var first = (await receiver.NextAsync(1))[0];
        var firstPause = await time.WaitForTimerAsync(d => d >= TimeSpan.FromSeconds(1), cancellationToken);
        time.Advance(firstPause - TimeSpan.FromMilliseconds(1));
        var early = await receiver.RestAsync(TimeSpan.FromMilliseconds(200));
        time.Advance(TimeSpan.FromMilliseconds(1));
        var second = (await receiver.NextAsync(1))[0];
        var secondPause = await time.WaitForTimerAsync(d => d >= TimeSpan.FromSeconds(1) && d != firstPause, cancellationToken);
        time.Advance(secondPause);
        var third = (await receiver.NextAsync(1))[0];
        time.Advance(TimeSpan.FromMinutes(10));
        var after = await receiver.RestAsync(TimeSpan.FromMilliseconds(200));

        Assert.InRange(firstPause, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6)); // 5 s ± 20 %, never under 5 s
        Assert.Empty(early);
        Assert.InRange(secondPause, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12)); // 10 s ± 20 %
        Assert.Equal(first.Body.GetRawText(), second.Body.GetRawText());
        Assert.Equal(first.Body.GetRawText(), third.Body.GetRawText());
        Assert.Empty(after);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task SendText_ReceiverAnswersNonRetryable_PostsOnce(int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => status);
        await using var sandbox = await SendWithQuickRetriesAsync(receiver);
        var first = await receiver.NextAsync(1);
        var rest = await receiver.RestAsync(TimeSpan.FromMilliseconds(300));

        Assert.Single(first);
        Assert.Empty(rest);
    }

    [Fact]
    public async Task SendText_ReceiverAnswers500_RetriesUpToMaxAttempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 500);
        await using var sandbox = await SendWithQuickRetriesAsync(receiver);
        var attempts = await receiver.NextAsync(3);
        var rest = await receiver.RestAsync(TimeSpan.FromMilliseconds(300));

        Assert.All(attempts, a => Assert.Equal("send.message", a.Event));
        Assert.Empty(rest);
    }

    /// <summary>A sandbox that tries 3 times, 5 ms then 10 ms apart, after one send of alpha's to the receiver.</summary>
    private static async Task<RunningSandbox> SendWithQuickRetriesAsync(WebhookReceiver receiver)
    {
        var sandbox = await TestSandbox.StartAsync(s =>
        {
            s["Sandbox:Webhooks:MaxAttempts"] = "3";
            s["Sandbox:Webhooks:RetryDelayScale"] = "0.001";
        });
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        await client.SetWebhookAsync(receiver, events: SendOnly);
        await client.SendTextAsync("alpha", "254711000001", "Hello");
        return sandbox;
    }
}
