using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Tests.Senders;

public sealed class SenderHealthTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 30, 12, 0);
    private static readonly HealthRules Rules = new(20, 0.5, 5, 3, Duration.FromMinutes(30));

    [Theory]
    [InlineData("")]
    [InlineData("ssssssssssssssssssss")]
    [InlineData("ffff")] // too few to judge a share, and no burst
    [InlineData("sssssssssssfffffffff")] // 9 of 20 failed: under the share
    [InlineData("nnnnssssssssssssssss")] // 4 not on WhatsApp: under the burst
    [InlineData("eeeessssssssssssssss")] // 4 errors: under the burst
    [InlineData("nnnnnsssssssssssssssssssss")] // 5 not on WhatsApp, but older than the window
    public void Judge_Healthy_ReturnsNull(string outcomes) =>
        Assert.Null(SenderHealth.Judge(outcomes, [], Now, Rules));

    [Theory]
    [InlineData("ssssssssssfffffffffff", "health:failure_share")] // 11 of the last 20
    [InlineData("ffffffffff", "health:failure_share")] // half a window, all failed
    [InlineData("ssssnsnsnsnsnsss", "health:not_on_whatsapp")]
    [InlineData("sesesesese", "health:gateway_errors")]
    public void Judge_RecentSendsLookLikeTrouble_ReturnsTheReason(string outcomes, string reason) =>
        Assert.Equal(reason, SenderHealth.Judge(outcomes, [], Now, Rules));

    [Fact]
    public void Judge_ThreeNotOpenPausesWithinTheFlapWindow_ReturnsFlapping()
    {
        Instant[] pauses = [Now - Duration.FromMinutes(29), Now - Duration.FromMinutes(10), Now];

        Assert.Equal("health:flapping", SenderHealth.Judge("sss", pauses, Now, Rules));
    }

    [Fact]
    public void Judge_NotOpenPausesSpreadWiderThanTheFlapWindow_ReturnsNull()
    {
        Instant[] pauses = [Now - Duration.FromMinutes(31), Now - Duration.FromMinutes(10), Now];

        Assert.Null(SenderHealth.Judge("sss", pauses, Now, Rules));
    }
}
