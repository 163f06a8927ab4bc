using Campaigns.Sandbox.Webhooks;

namespace Campaigns.Sandbox.Tests.Webhooks;

public sealed class WebhookBackoffTests
{
    [Theory]
    [InlineData(1, 5_000)]
    [InlineData(2, 10_000)]
    [InlineData(3, 20_000)]
    [InlineData(6, 160_000)]
    [InlineData(7, 300_000)] // 320 s, capped
    [InlineData(10, 300_000)]
    public void Delay_NoJitterDrawn_DoublesFromFiveSecondsUpToTheCap(int failedAttempts, double expectedMs)
    {
        var delay = WebhookBackoff.Delay(failedAttempts, new WebhookOptions(), random: 0.5);

        Assert.Equal(expectedMs, delay.TotalMilliseconds, precision: 6);
    }

    [Theory]
    [InlineData(2, 0.0, 8_000)]
    [InlineData(2, 0.999999, 12_000)]
    [InlineData(3, 0.0, 16_000)]
    [InlineData(10, 0.999999, 360_000)]
    public void Delay_JitterDrawn_MovesByUpToTwentyPercent(int failedAttempts, double random, double expectedMs)
    {
        var delay = WebhookBackoff.Delay(failedAttempts, new WebhookOptions(), random);

        Assert.Equal(expectedMs, delay.TotalMilliseconds, tolerance: 1);
    }

    [Fact]
    public void Delay_FirstRetryJitteredDown_NeverUnderTheInitialDelay()
    {
        var delay = WebhookBackoff.Delay(1, new WebhookOptions(), random: 0.0);

        Assert.Equal(TimeSpan.FromSeconds(5), delay);
    }

    [Fact]
    public void Delay_Scaled_ShrinksEveryPause()
    {
        var delay = WebhookBackoff.Delay(3, new WebhookOptions { RetryDelayScale = 0.001 }, random: 0.5);

        Assert.Equal(20, delay.TotalMilliseconds, precision: 6);
    }
}
