using Campaigns.Domain.Pacing;
using NodaTime;

namespace Campaigns.Domain.Tests.Pacing;

public sealed class SenderDayTests
{
    public static TheoryData<string, LocalDate, int> DayLengths => new()
    {
        { "America/New_York", new LocalDate(2026, 3, 7), 24 },
        { "America/New_York", new LocalDate(2026, 3, 8), 23 },
        { "America/New_York", new LocalDate(2026, 11, 1), 25 },
        { "Europe/London", new LocalDate(2026, 3, 29), 23 },
        { "Europe/London", new LocalDate(2026, 10, 25), 25 },
        { "Africa/Nairobi", new LocalDate(2026, 3, 8), 24 },
    };

    [Theory]
    [MemberData(nameof(DayLengths))]
    public void StartOfNext_DstDays_EndTheDayAtLocalMidnight(string zoneId, LocalDate day, int hours)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];

        var start = SenderDay.StartOf(day, zone);
        var next = SenderDay.StartOfNext(day, zone);

        Assert.Equal(Duration.FromHours(hours), next - start);
        Assert.Equal(new LocalDateTime(day.Year, day.Month, day.Day, 0, 0).PlusDays(1), next.InZone(zone).LocalDateTime);
        Assert.Equal(day, SenderDay.Of(next - Duration.Epsilon, zone));
        Assert.Equal(day.PlusDays(1), SenderDay.Of(next, zone));
    }

    [Theory]
    [InlineData("America/Santiago", 2022, 9, 11)]
    [InlineData("Asia/Beirut", 2022, 3, 27)]
    public void StartOf_MidnightSkipped_IsTheFirstInstantOfTheDay(string zoneId, int year, int month, int day)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var date = new LocalDate(year, month, day);

        var start = SenderDay.StartOfNext(date.PlusDays(-1), zone);

        Assert.Equal(new LocalTime(1, 0), start.InZone(zone).TimeOfDay);
        Assert.Equal(date, SenderDay.Of(start, zone));
        Assert.Equal(date.PlusDays(-1), SenderDay.Of(start - Duration.Epsilon, zone));
        Assert.Equal(Duration.FromHours(23), SenderDay.StartOfNext(date, zone) - start);
    }

    [Fact]
    public void Of_AroundLocalMidnight_TurnsAtMidnightInTheZoneNotInUtc()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var midnight = new LocalDateTime(2026, 12, 1, 0, 0).InZoneStrictly(zone).ToInstant();

        Assert.Equal(new LocalDate(2026, 11, 30), SenderDay.Of(midnight - Duration.FromMilliseconds(1), zone));
        Assert.Equal(new LocalDate(2026, 12, 1), SenderDay.Of(midnight, zone));
        Assert.Equal(new LocalDate(2026, 12, 1), SenderDay.Of(midnight + Duration.FromMilliseconds(1), zone));
        Assert.Equal(Instant.FromUtc(2026, 12, 1, 5, 0), midnight);
    }
}
