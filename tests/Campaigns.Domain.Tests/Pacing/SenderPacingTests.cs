using Campaigns.Domain.Pacing;

namespace Campaigns.Domain.Tests.Pacing;

public sealed class SenderPacingTests
{
    [Theory]
    [InlineData(null, PacingProfile.Spread)]
    [InlineData("spread", PacingProfile.Spread)]
    [InlineData("Floor", PacingProfile.Floor)]
    public void Create_KnownProfile_IsThatProfile(string? profile, PacingProfile expected) =>
        Assert.Equal(expected, SenderPacing.Create(profile, null, null).Value.Profile);

    [Theory]
    [InlineData("fast", 5, 100, "pacing.profile")]
    [InlineData("spread", 0, 100, "pacing.maxPerMinute")]
    [InlineData("spread", 61, 100, "pacing.maxPerMinute")]
    [InlineData("floor", 5, 0, "pacing.maxPerHour")]
    [InlineData("floor", 5, 3601, "pacing.maxPerHour")]
    public void Create_BadValue_NamesTheField(string profile, int perMinute, int perHour, string field)
    {
        var result = SenderPacing.Create(profile, perMinute, perHour);

        Assert.False(result.IsSuccess);
        Assert.Equal(field, result.Error.Field);
    }

    [Fact]
    public void Create_Caps_AreKept()
    {
        var pacing = SenderPacing.Create("floor", 8, 200).Value;

        Assert.Equal((8, 200), (pacing.MaxPerMinute!.Value, pacing.MaxPerHour!.Value));
    }
}
