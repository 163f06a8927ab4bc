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
        Assert.Equal([new SendWindowRange(new LocalTime(8, 0), new LocalTime(20, 0))], window.Ranges);
        Assert.Equal(7, window.Days.Count);
        Assert.Null(window.TimeZone);
        Assert.Equal("recipient", window.TimeZoneId);
    }

    [Fact]
    public void Parse_EveryPart_IsRead()
    {
        var window = SendWindow.Parse(new SendWindowDraft("9:30", "17:00", ["FRI", "mon", "Wednesday", "mon"], "Africa/Nairobi")).Value;

        Assert.Equal([new SendWindowRange(new LocalTime(9, 30), new LocalTime(17, 0))], window.Ranges);
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

        Assert.True(Assert.Single(window.Ranges).IsOvernight);
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

        var created = SendWindow.Create(parsed.Ranges, parsed.Days, parsed.TimeZoneId).Value;

        Assert.Equal(parsed, created);
        Assert.Equal(["sat", "sun"], created.Days.Select(SendWindow.DayName));
        Assert.Equal("07:15", SendWindow.TimeText(created.Ranges[0].Start));
    }

    private static LocalDateTime LocalDateTimeOf(string text) =>
        NodaTime.Text.LocalDateTimePattern.GeneralIso.Parse(text + ":00").Value;

    private static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Theory]
    [InlineData(7, 59, false)]
    [InlineData(8, 0, true)]
    [InlineData(19, 59, true)]
    [InlineData(20, 0, false)]
    public void IsOpen_DayWindow_OpensAtStartAndClosesAtEnd(int hour, int minute, bool open)
    {
        var window = CreateWindow("08:00", "20:00");

        Assert.Equal(open, window.IsOpen(At(Nairobi, 2026, 11, 26, hour, minute), Nairobi));
    }

    [Theory]
    [InlineData(23, 21, 59, false)] // Monday before it opens
    [InlineData(23, 22, 0, true)] // Monday evening
    [InlineData(24, 5, 59, true)] // Tuesday morning: still Monday's window
    [InlineData(24, 6, 0, false)]
    [InlineData(24, 22, 0, false)] // Tuesday is not listed
    [InlineData(23, 3, 0, false)] // Monday morning belongs to Sunday, not listed
    public void IsOpen_OvernightWindow_RunsThroughMidnightFromTheListedDay(int day, int hour, int minute, bool open)
    {
        var window = CreateWindow("22:00", "06:00", ["mon"]);

        Assert.Equal(open, window.IsOpen(At(Nairobi, 2026, 11, day, hour, minute), Nairobi));
    }

    [Fact]
    public void IsOpen_RecipientZone_ReadsEachRecipientsClock()
    {
        var window = CreateWindow("08:00", "20:00");
        var at = Instant.FromUtc(2026, 11, 26, 6, 0); // 09:00 in Nairobi, 01:00 in New York

        Assert.True(window.IsOpen(at, Nairobi));
        Assert.False(window.IsOpen(at, NewYork));
    }

    [Fact]
    public void IsOpen_CampaignZone_IgnoresTheRecipientsZone()
    {
        var window = CreateWindow("08:00", "20:00", zone: "Africa/Nairobi");
        var at = Instant.FromUtc(2026, 11, 26, 6, 0);

        Assert.True(window.IsOpen(at, NewYork));
        Assert.Equal(at, window.NextOpening(at, NewYork));
    }

    [Fact]
    public void NextOpening_Open_IsTheSameInstant()
    {
        var at = At(Nairobi, 2026, 11, 26, 12, 0);

        Assert.Equal(at, CreateWindow("08:00", "20:00").NextOpening(at, Nairobi));
    }

    [Theory]
    [InlineData(26, 3, 0, 26)] // before today's opening
    [InlineData(26, 20, 0, 27)] // after today's closing
    public void NextOpening_Closed_IsTheNextStart(int day, int hour, int minute, int openingDay) =>
        Assert.Equal(
            At(Nairobi, 2026, 11, openingDay, 8, 0),
            CreateWindow("08:00", "20:00").NextOpening(At(Nairobi, 2026, 11, day, hour, minute), Nairobi));

    [Fact]
    public void NextOpening_FridayEveningOfWeekdayWindow_IsMondayMorning()
    {
        var window = CreateWindow("08:00", "20:00", ["mon", "tue", "wed", "thu", "fri"]);

        Assert.False(window.IsOpen(At(Nairobi, 2026, 11, 28, 12, 0), Nairobi));
        Assert.Equal(At(Nairobi, 2026, 11, 30, 8, 0), window.NextOpening(At(Nairobi, 2026, 11, 27, 20, 30), Nairobi));
    }

    [Fact]
    public void NextOpening_OvernightWindowClosed_IsTheEveningStartOfTheListedDay()
    {
        var window = CreateWindow("22:00", "06:00", ["mon"]);

        Assert.Equal(At(Nairobi, 2026, 11, 30, 22, 0), window.NextOpening(At(Nairobi, 2026, 11, 24, 6, 0), Nairobi));
    }

    [Fact]
    public void NextOpening_RecipientZone_OpensAtTheRecipientsStart()
    {
        var window = CreateWindow("08:00", "20:00");
        var at = Instant.FromUtc(2026, 11, 26, 6, 0);

        Assert.Equal(Instant.FromUtc(2026, 11, 26, 13, 0), window.NextOpening(at, NewYork)); // 08:00 EST
    }

    [Fact]
    public void NextOpening_StartSkippedBySpringForward_OpensAtTheFirstInstantAfterTheGap()
    {
        // 2026-03-08 in New York: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist that day.
        var window = CreateWindow("02:30", "08:00");

        var opening = window.NextOpening(Instant.FromUtc(2026, 3, 8, 5, 0), NewYork); // 00:00 EST

        Assert.Equal(Instant.FromUtc(2026, 3, 8, 7, 0), opening); // 03:00 EDT
        Assert.True(window.IsOpen(opening, NewYork));
        Assert.False(window.IsOpen(opening - Duration.Epsilon, NewYork));
    }

    [Fact]
    public void NextOpening_WholeWindowInsideTheGap_OpensTheNextDay()
    {
        var window = CreateWindow("02:05", "02:55");

        var opening = window.NextOpening(Instant.FromUtc(2026, 3, 8, 5, 0), NewYork);

        Assert.Equal(Instant.FromUtc(2026, 3, 9, 6, 5), opening); // 02:05 EDT on the 9th
    }

    [Fact]
    public void NextOpening_StartRepeatedByFallBack_OpensAtTheFirstPass()
    {
        // 2026-11-01 in New York: 01:00–02:00 happens twice (EDT, then EST).
        var window = CreateWindow("01:30", "08:00");

        var opening = window.NextOpening(Instant.FromUtc(2026, 11, 1, 4, 0), NewYork); // 00:00 EDT

        Assert.Equal(Instant.FromUtc(2026, 11, 1, 5, 30), opening); // 01:30 EDT
    }

    [Theory]
    [InlineData(23, 23, 0, 24, 6, 0)] // evening part: closes the next morning
    [InlineData(24, 5, 0, 24, 6, 0)] // morning part: closes this morning
    [InlineData(24, 12, 0, 24, 12, 0)] // closed: now
    public void NextClosing_OvernightWindow_IsTheEndOfTheOpeningItIsIn(int day, int hour, int minute, int closingDay, int closingHour, int closingMinute)
    {
        var window = CreateWindow("22:00", "06:00", ["mon"]);

        var closing = window.NextClosing(At(Nairobi, 2026, 11, day, hour, minute), Nairobi);

        Assert.Equal(At(Nairobi, 2026, 11, closingDay, closingHour, closingMinute), closing);
    }

    [Fact]
    public void NextClosing_DayWindow_IsItsEndToday() =>
        Assert.Equal(At(Nairobi, 2026, 11, 26, 20, 0), CreateWindow("08:00", "20:00").NextClosing(At(Nairobi, 2026, 11, 26, 9, 0), Nairobi));

    [Fact]
    public void Parse_Ranges_AreReadAndOrderedByStart()
    {
        var window = SendWindow.Parse(new SendWindowDraft(Ranges: [new("14:00", "18:00"), new("9:00", "12:00")])).Value;

        Assert.Equal(
            [new SendWindowRange(new LocalTime(9, 0), new LocalTime(12, 0)), new SendWindowRange(new LocalTime(14, 0), new LocalTime(18, 0))],
            window.Ranges);
        Assert.Equal(window, CreateWindow([("14:00", "18:00"), ("09:00", "12:00")]));
    }

    public static TheoryData<SendWindowDraft, string, string> WrongRanges => new()
    {
        { new SendWindowDraft(Ranges: [new("09:00", "12:00"), new("11:00", "13:00")]), "send_window.overlapping_ranges", "sendWindow.ranges[1].start" },
        { new SendWindowDraft(Ranges: [new("22:00", "06:00"), new("05:00", "07:00")]), "send_window.overlapping_ranges", "sendWindow.ranges[1].start" },
        { new SendWindowDraft(Ranges: [new("09:00", "12:00"), new("14:00", "25:00")]), "send_window.invalid_time", "sendWindow.ranges[1].end" },
        { new SendWindowDraft(Ranges: [new("09:00", null)]), "send_window.missing_time", "sendWindow.ranges[0].end" },
        { new SendWindowDraft(Ranges: [new("10:00", "10:00")]), "send_window.empty", "sendWindow.ranges[0].end" },
        { new SendWindowDraft(Ranges: []), "send_window.no_ranges", "sendWindow.ranges" },
        { new SendWindowDraft(Ranges: Enumerable.Range(0, 9).Select(h => new SendWindowRangeDraft($"{h}:00", $"{h}:30")).ToArray()), "send_window.too_many_ranges", "sendWindow.ranges" },
        { new SendWindowDraft(Start: "09:00", Ranges: [new("09:00", "12:00")]), "send_window.both_forms", "sendWindow.ranges" },
    };

    [Theory]
    [MemberData(nameof(WrongRanges))]
    public void Check_WrongRanges_NamesTheRangeAtFault(SendWindowDraft draft, string code, string field)
    {
        var error = Assert.Single(SendWindow.Check(draft));

        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void Check_EightRanges_AreAllowed() =>
        Assert.Empty(SendWindow.Check(new SendWindowDraft(Ranges: Enumerable.Range(0, 8).Select(h => new SendWindowRangeDraft($"{h}:00", $"{h}:30")).ToArray())));

    [Fact]
    public void Create_OverlappingStoredRanges_IsAnError()
    {
        var ranges = new[] { new SendWindowRange(new LocalTime(9, 0), new LocalTime(12, 0)), new SendWindowRange(new LocalTime(10, 0), new LocalTime(11, 0)) };

        Assert.Equal("send_window.overlapping_ranges", SendWindow.Create(ranges, [IsoDayOfWeek.Monday], "recipient").Error.Code);
    }

    [Theory]
    [InlineData(8, 59, false)]
    [InlineData(9, 0, true)]
    [InlineData(11, 59, true)]
    [InlineData(12, 0, false)] // exactly at the morning's closing: closed
    [InlineData(13, 0, false)]
    [InlineData(14, 0, true)]
    [InlineData(17, 59, true)]
    [InlineData(18, 0, false)]
    public void IsOpen_TwoRangesADay_OpenOnlyInsideEither(int hour, int minute, bool open) =>
        Assert.Equal(open, TwoRanges().IsOpen(At(Nairobi, 2026, 11, 26, hour, minute), Nairobi));

    [Fact]
    public void IsOpen_TwoRangesOnWeekdays_ClosedAllWeekend()
    {
        var window = TwoRanges(["mon", "tue", "wed", "thu", "fri"]);

        Assert.True(window.IsOpen(At(Nairobi, 2026, 11, 27, 10, 0), Nairobi)); // Friday
        Assert.False(window.IsOpen(At(Nairobi, 2026, 11, 28, 10, 0), Nairobi)); // Saturday
        Assert.False(window.IsOpen(At(Nairobi, 2026, 11, 29, 15, 0), Nairobi)); // Sunday
    }

    [Theory]
    [InlineData(26, 7, 0, 26, 9)] // before the morning
    [InlineData(26, 12, 0, 26, 14)] // at the morning's closing: the afternoon
    [InlineData(26, 13, 0, 26, 14)] // between the ranges
    [InlineData(27, 18, 0, 30, 9)] // Friday evening: Monday morning
    public void NextOpening_TwoRangesOnWeekdays_IsTheNextRangesStart(int day, int hour, int minute, int openingDay, int openingHour) =>
        Assert.Equal(
            At(Nairobi, 2026, 11, openingDay, openingHour, 0),
            TwoRanges(["mon", "tue", "wed", "thu", "fri"]).NextOpening(At(Nairobi, 2026, 11, day, hour, minute), Nairobi));

    [Theory]
    [InlineData(10, 0, 12)]
    [InlineData(14, 0, 18)]
    [InlineData(17, 59, 18)]
    public void NextClosing_TwoRanges_IsTheEndOfTheRangeItIsIn(int hour, int minute, int closingHour) =>
        Assert.Equal(At(Nairobi, 2026, 11, 26, closingHour, 0), TwoRanges().NextClosing(At(Nairobi, 2026, 11, 26, hour, minute), Nairobi));

    [Fact]
    public void NextClosing_TouchingRanges_RunsOnIntoTheNextOne()
    {
        var window = CreateWindow([("09:00", "12:00"), ("12:00", "14:00")]);

        Assert.True(window.IsOpen(At(Nairobi, 2026, 11, 26, 12, 0), Nairobi));
        Assert.Equal(At(Nairobi, 2026, 11, 26, 14, 0), window.NextClosing(At(Nairobi, 2026, 11, 26, 10, 0), Nairobi));
    }

    [Theory]
    [InlineData(23, 9, 0, true)] // Monday morning range
    [InlineData(23, 23, 0, true)] // Monday night
    [InlineData(24, 1, 59, true)] // Tuesday night: still Monday's
    [InlineData(24, 2, 0, false)]
    [InlineData(24, 9, 0, false)] // Tuesday is not listed
    [InlineData(23, 1, 0, false)] // Monday early hours belong to Sunday, not listed
    public void IsOpen_OvernightAndDayRanges_EachKeepsItsDay(int day, int hour, int minute, bool open) =>
        Assert.Equal(open, CreateWindow([("22:00", "02:00"), ("09:00", "12:00")], ["mon"]).IsOpen(At(Nairobi, 2026, 11, day, hour, minute), Nairobi));

    [Fact]
    public void NextOpening_OvernightAndDayRangesClosed_IsTheNextListedMorning()
    {
        var window = CreateWindow([("22:00", "02:00"), ("09:00", "12:00")], ["mon"]);

        Assert.Equal(At(Nairobi, 2026, 11, 30, 9, 0), window.NextOpening(At(Nairobi, 2026, 11, 24, 2, 0), Nairobi));
        Assert.Equal(At(Nairobi, 2026, 11, 24, 2, 0), window.NextClosing(At(Nairobi, 2026, 11, 23, 22, 0), Nairobi));
    }

    [Fact]
    public void NextClosing_EndSkippedBySpringForward_RunsOnIntoTheRangeAfterTheGap()
    {
        // 2026-03-08 in New York: 02:00 EST jumps to 03:00 EDT. 02:30 never comes; 03:00 is inside 02:45–05:00.
        var window = CreateWindow([("01:00", "02:30"), ("02:45", "05:00")]);
        var at = Instant.FromUtc(2026, 3, 8, 6, 30); // 01:30 EST

        Assert.Equal(Instant.FromUtc(2026, 3, 8, 9, 0), window.NextClosing(at, NewYork)); // 05:00 EDT
    }

    [Fact]
    public void NextOpening_FallBackIntoARange_OpensWhenTheClockGoesBack()
    {
        // 2026-11-01 in New York: at 02:00 EDT the clock goes back to 01:00 EST, inside 00:00–01:30 again.
        var window = CreateWindow([("00:00", "01:30")]);
        var closed = Instant.FromUtc(2026, 11, 1, 5, 40); // 01:40 EDT

        Assert.False(window.IsOpen(closed, NewYork));
        Assert.Equal(Instant.FromUtc(2026, 11, 1, 6, 0), window.NextOpening(closed, NewYork)); // 01:00 EST
        Assert.Equal(Instant.FromUtc(2026, 11, 1, 6, 30), window.NextClosing(Instant.FromUtc(2026, 11, 1, 6, 0), NewYork)); // 01:30 EST
        Assert.Equal(Duration.FromHours(2), window.OpenTimeLeft(Instant.FromUtc(2026, 11, 1, 4, 0), NewYork, Instant.FromUtc(2026, 11, 1, 12, 0)));
    }

    [Fact]
    public void OpenTimeLeft_TwoRanges_CountsOnlyOpenTime() =>
        Assert.Equal(
            Duration.FromHours(5), // 10:00–12:00 and 14:00–17:00
            TwoRanges().OpenTimeLeft(At(Nairobi, 2026, 11, 26, 10, 0), Nairobi, At(Nairobi, 2026, 11, 26, 17, 0)));

    [Fact]
    public void OpenTimeLeft_OverAWeekend_SkipsTheClosedDays() =>
        Assert.Equal(
            Duration.FromHours(6) + Duration.FromMinutes(30), // Friday 11:30–12:00 and 14:00–18:00, Monday 09:00–11:00
            TwoRanges(["mon", "tue", "wed", "thu", "fri"]).OpenTimeLeft(At(Nairobi, 2026, 11, 27, 11, 30), Nairobi, At(Nairobi, 2026, 11, 30, 11, 0)));

    [Fact]
    public void OpenTimeLeft_UntilNotAfterNow_IsZero()
    {
        var now = At(Nairobi, 2026, 11, 26, 10, 0);

        Assert.Equal(Duration.Zero, TwoRanges().OpenTimeLeft(now, Nairobi, now));
        Assert.Equal(Duration.Zero, TwoRanges().OpenTimeLeft(now, Nairobi, now - Duration.FromHours(1)));
    }

    [Fact]
    public void OpenTimeLeft_CampaignZone_IgnoresTheZoneGiven()
    {
        var window = CreateWindow([("09:00", "12:00")], zone: "Africa/Nairobi");
        var now = At(Nairobi, 2026, 11, 26, 11, 0);

        Assert.Equal(Duration.FromHours(1), window.OpenTimeLeft(now, NewYork, now + Duration.FromHours(6)));
    }

    [Fact]
    public void OpenTimeLeft_SpringForwardDay_IsAnHourShorter()
    {
        // 00:00–06:00 on 2026-03-08 in New York lasts five hours: 02:00–03:00 never happens.
        var window = CreateWindow([("00:00", "06:00")]);

        Assert.Equal(Duration.FromHours(5), window.OpenTimeLeft(Instant.FromUtc(2026, 3, 8, 5, 0), NewYork, Instant.FromUtc(2026, 3, 8, 18, 0)));
    }

    [Fact]
    public void NextClosing_RangesCoveringEveryHour_NeverCloses()
    {
        var window = CreateWindow([("00:00", "12:00"), ("12:00", "00:00")]);
        var now = At(Nairobi, 2026, 11, 26, 10, 0);

        Assert.Equal(Instant.MaxValue, window.NextClosing(now, Nairobi));
        Assert.Equal(Duration.FromDays(3), window.OpenTimeLeft(now, Nairobi, now + Duration.FromDays(3)));
    }

    private static SendWindow TwoRanges(IReadOnlyList<string>? days = null) => CreateWindow([("09:00", "12:00"), ("14:00", "18:00")], days);

    private static SendWindow CreateWindow(IReadOnlyList<(string Start, string End)> ranges, IReadOnlyList<string>? days = null, string? zone = null) =>
        SendWindow.Parse(new SendWindowDraft(Days: days, TimeZone: zone, Ranges: ranges.Select(r => new SendWindowRangeDraft(r.Start, r.End)).ToArray())).Value;

    private static SendWindow CreateWindow(string start, string end, IReadOnlyList<string>? days = null, string? zone = null) =>
        SendWindow.Parse(new SendWindowDraft(start, end, days, zone)).Value;

    private static Instant At(DateTimeZone zone, int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(zone).ToInstant();
}
