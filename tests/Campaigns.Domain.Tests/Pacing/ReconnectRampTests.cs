using Campaigns.Domain.Pacing;
using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Tests.Pacing;

public sealed class ReconnectRampTests
{
    private static readonly Instant Reconnected = Instant.FromUtc(2026, 11, 26, 9, 0);
    private static readonly Duration Ramp = Duration.FromMinutes(15);

    [Theory]
    [InlineData(0, 3.0)]
    [InlineData(7.5, 2.0)]
    [InlineData(15, 1.0)]
    [InlineData(60, 1.0)]
    [InlineData(-1, 1.0)]
    public void Factor_MinutesAfterTheReconnect_FallsLinearlyFromTheSlowdownToOne(double minutes, double expected)
    {
        var factor = ReconnectRamp.Factor(Reconnected, Reconnected + Duration.FromMinutes(minutes), Ramp, 3);

        Assert.Equal(expected, factor, 6);
    }

    [Fact]
    public void Factor_NeverReconnected_IsOne() =>
        Assert.Equal(1, ReconnectRamp.Factor(null, Reconnected, Ramp, 3));

    [Fact]
    public void Plan_JustReconnected_MultipliesTheGap()
    {
        var settings = SenderSettings.Create("UTC", new LocalDate(2026, 1, 1)).Value;

        var gap = SendGap.Plan(settings, PacingProfile.Floor, null, 3, new FixedRandomSource(0.5));

        Assert.Equal(SendGap.Draw(settings, new FixedRandomSource(0.5)) * 3, gap);
    }
}
