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

    [Fact]
    public void With_AbsentKeepsNullRestoresTheDefaultAValueReplaces()
    {
        var current = SenderSettings.Create("Africa/Nairobi", new LocalDate(2025, 1, 1), 50, 80, 2000, 1500, 9000).Value;

        var changed = current.With(new SenderSettingsPatch { DailyCapMax = null, JitterMaxMs = null, MinIntervalMs = 3000, ActivatedOn = null }, Today).Value;

        Assert.Equal((50, 300), (changed.DailyCapMin, changed.DailyCapMax));
        Assert.Equal((Duration.FromMilliseconds(1500), Duration.FromSeconds(5)), (changed.JitterMin, changed.JitterMax));
        Assert.Equal(Duration.FromSeconds(3), changed.MinInterval);
        Assert.Equal((Today, "Africa/Nairobi"), (changed.ActivatedOn, changed.TimeZone.Id));
    }

    [Fact]
    public void With_CapMaxBelowTheCurrentMin_LowersTheMinWithIt()
    {
        var current = SenderSettings.Create("UTC", Today).Value;

        var changed = current.With(new SenderSettingsPatch { DailyCapMax = 150 }, Today).Value;

        Assert.Equal((150, 150), (changed.DailyCapMin, changed.DailyCapMax));
    }

    [Fact]
    public void With_BadValues_NamesEveryField()
    {
        var current = SenderSettings.Create("UTC", Today).Value;

        var result = current.With(new SenderSettingsPatch { TimeZone = null, MinIntervalMs = 10 }, Today);

        var fields = (IReadOnlyDictionary<string, string[]>)result.Error.Details["errors"]!;
        Assert.Equal(["minIntervalMs", "timeZone"], fields.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WithTimeZoneAndActivatedOn_KeepEveryOtherSetting()
    {
        var current = SenderSettings.Create("UTC", Today, 10, 20, 1500, 100, 200).Value;

        var moved = current.WithTimeZone(DateTimeZoneProviders.Tzdb["Africa/Lagos"]).WithActivatedOn(new LocalDate(2024, 5, 1));

        Assert.Equal(("Africa/Lagos", new LocalDate(2024, 5, 1)), (moved.TimeZone.Id, moved.ActivatedOn));
        Assert.Equal((10, 20, Duration.FromMilliseconds(1500), Duration.FromMilliseconds(100), Duration.FromMilliseconds(200)),
            (moved.DailyCapMin, moved.DailyCapMax, moved.MinInterval, moved.JitterMin, moved.JitterMax));
    }
}
