using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Tests.Senders;

public sealed class SenderSettingsTests
{
    private static readonly LocalDate Today = new(2026, 11, 26);

    [Fact]
    public void Create_Defaults_AreThoseOfTheDesign()
    {
        var settings = SenderSettings.Create("Africa/Nairobi", Today).Value;

        Assert.Equal((200, 300), (settings.DailyCapMin, settings.DailyCapMax));
        Assert.Equal(Duration.FromSeconds(1), settings.MinInterval);
        Assert.Equal((Duration.FromSeconds(1), Duration.FromSeconds(5)), (settings.JitterMin, settings.JitterMax));
        Assert.Equal("Africa/Nairobi", settings.TimeZone.Id);
    }

    [Theory]
    [InlineData("Mars/Olympus", null, null, null, null, null, "timeZone")]
    [InlineData("UTC", 300, 200, null, null, null, "dailyCapMin")]
    [InlineData("UTC", 0, null, null, null, null, "dailyCapMin")]
    [InlineData("UTC", null, 5000, null, null, null, "dailyCapMax")]
    [InlineData("UTC", null, null, 999, null, null, "minIntervalMs")]
    [InlineData("UTC", null, null, null, 6000, 2000, "jitterMinMs")]
    [InlineData("UTC", null, null, null, -1, null, "jitterMinMs")]
    public void Create_BadSetting_NamesTheField(string zone, int? capMin, int? capMax, int? interval, int? jitterMin, int? jitterMax, string field)
    {
        var result = SenderSettings.Create(zone, Today, capMin, capMax, interval, jitterMin, jitterMax);

        Assert.False(result.IsSuccess);
        var errors = (IReadOnlyDictionary<string, string[]>)result.Error.Details["errors"]!;
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Create_SeveralBadSettings_ReportsThemAllAtOnce()
    {
        var result = SenderSettings.Create("Nowhere/Else", Today, 300, 200, 10);

        var errors = (IReadOnlyDictionary<string, string[]>)result.Error.Details["errors"]!;
        Assert.Equal(["dailyCapMin", "minIntervalMs", "timeZone"], errors.Keys.Order());
    }

    [Fact]
    public void Create_OnlyAMaximumBelowTheDefaultMinimum_LowersTheMinimum() =>
        Assert.Equal((50, 50), (SenderSettings.Create("UTC", Today, dailyCapMax: 50).Value is var s ? (s.DailyCapMin, s.DailyCapMax) : default));
}
