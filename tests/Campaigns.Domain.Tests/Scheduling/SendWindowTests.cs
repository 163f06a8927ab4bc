using Campaigns.Domain.Scheduling;
using NodaTime;

namespace Campaigns.Domain.Tests.Scheduling;

public sealed class SendWindowTests
{
    [Fact]
    public void Parse_NothingGiven_IsTheDefaultWindow()
    {
        var window = SendWindow.Parse(new SendWindowDraft()).Value;

        Assert.Equal(SendWindow.Default, window);
        Assert.Equal((new LocalTime(8, 0), new LocalTime(20, 0)), (window.Start, window.End));
        Assert.Equal(7, window.Days.Count);
        Assert.Null(window.TimeZone);
        Assert.Equal("recipient", window.TimeZoneId);
    }

    [Fact]
    public void Parse_EveryPart_IsRead()
    {
        var window = SendWindow.Parse(new SendWindowDraft("9:30", "17:00", ["FRI", "mon", "Wednesday", "mon"], "Africa/Nairobi")).Value;

        Assert.Equal((new LocalTime(9, 30), new LocalTime(17, 0)), (window.Start, window.End));
        Assert.Equal([IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday], window.Days);
        Assert.Equal("Africa/Nairobi", window.TimeZoneId);
    }

    [Theory]
    [InlineData("africa/nairobi", "Africa/Nairobi")]
    [InlineData("UTC", "UTC")]
    [InlineData("Recipient", "recipient")]
    [InlineData(" ", "recipient")]
    public void Parse_TimeZone_IsMatchedIgnoringCase(string given, string id) =>
        Assert.Equal(id, SendWindow.Parse(new SendWindowDraft(TimeZone: given)).Value.TimeZoneId);

    public static TheoryData<SendWindowDraft, string, string> Wrong => new()
    {
        { new SendWindowDraft(Start: "8am"), "send_window.invalid_time", "sendWindow.start" },
        { new SendWindowDraft(End: "25:00"), "send_window.invalid_time", "sendWindow.end" },
        { new SendWindowDraft("09:00", "09:00"), "send_window.empty", "sendWindow.end" },
        { new SendWindowDraft(Days: []), "send_window.no_days", "sendWindow.days" },
        { new SendWindowDraft(Days: ["mon", "funday"]), "send_window.unknown_day", "sendWindow.days" },
        { new SendWindowDraft(TimeZone: "Mars/Olympus"), "send_window.unknown_time_zone", "sendWindow.timeZone" },
        { new SendWindowDraft(TimeZone: "+03:00"), "send_window.unknown_time_zone", "sendWindow.timeZone" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void Check_WrongPart_NamesItsField(SendWindowDraft draft, string code, string field)
    {
        var error = Assert.Single(SendWindow.Check(draft));

        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void Check_EverythingWrong_ReportsEveryProblem()
    {
        var errors = SendWindow.Check(new SendWindowDraft("x", "y", ["someday"], "Nowhere"));

        Assert.Equal(
            ["sendWindow.start", "sendWindow.end", "sendWindow.days", "sendWindow.timeZone"],
            errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("2026-03-02T08:00", true)] // Monday, opening minute
    [InlineData("2026-03-02T19:59", true)]
    [InlineData("2026-03-02T20:00", false)] // the end is not in the window
    [InlineData("2026-03-02T07:59", false)]
    [InlineData("2026-03-03T12:00", false)] // Tuesday: not a day of the window
    public void Contains_DayWindow_OnlyBetweenStartAndEndOnItsDays(string local, bool inside)
    {
        var window = SendWindow.Parse(new SendWindowDraft("08:00", "20:00", ["mon"])).Value;

        Assert.Equal(inside, window.Contains(LocalDateTimeOf(local)));
    }

    [Theory]
    [InlineData("2026-03-06T22:30", true)] // Friday evening
    [InlineData("2026-03-07T05:59", true)] // Saturday morning belongs to Friday's window
    [InlineData("2026-03-07T06:00", false)]
    [InlineData("2026-03-07T22:30", false)] // Saturday evening: Saturday is not a day of the window
    [InlineData("2026-03-06T05:00", false)] // Friday morning belongs to Thursday's window
    public void Contains_OvernightWindow_RunsIntoTheNextMorning(string local, bool inside)
    {
        var window = SendWindow.Parse(new SendWindowDraft("22:00", "06:00", ["fri"])).Value;

        Assert.True(window.IsOvernight);
        Assert.Equal(inside, window.Contains(LocalDateTimeOf(local)));
    }

    [Fact]
    public void Contains_EndAtMidnight_RunsToTheEndOfTheDay()
    {
        var window = SendWindow.Parse(new SendWindowDraft("18:00", "00:00", ["sun"])).Value;

        Assert.True(window.Contains(LocalDateTimeOf("2026-03-08T23:59")));
        Assert.False(window.Contains(LocalDateTimeOf("2026-03-09T00:00")));
    }

    [Fact]
    public void Create_StoredParts_RoundTrip()
    {
        var parsed = SendWindow.Parse(new SendWindowDraft("07:15", "21:45", ["sat", "sun"], "Europe/London")).Value;

        var created = SendWindow.Create(parsed.Start, parsed.End, parsed.Days, parsed.TimeZoneId).Value;

        Assert.Equal(parsed, created);
        Assert.Equal(["sat", "sun"], created.Days.Select(SendWindow.DayName));
        Assert.Equal("07:15", SendWindow.TimeText(created.Start));
    }

    private static LocalDateTime LocalDateTimeOf(string text) =>
        NodaTime.Text.LocalDateTimePattern.GeneralIso.Parse(text + ":00").Value;
}
