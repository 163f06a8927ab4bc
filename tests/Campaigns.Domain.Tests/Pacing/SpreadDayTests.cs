using Campaigns.Domain.Pacing;
using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Senders;
using NodaTime;
using PacingRules = Campaigns.Domain.Pacing.Pacing;

namespace Campaigns.Domain.Tests.Pacing;

/// <summary>A simulated day of one number, with a fake clock and a seeded random source: Decide, send, Plan, Next.</summary>
public sealed class SpreadDayTests
{
    private static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];
    private static readonly LocalDate Day = new(2026, 11, 26);
    private static readonly Instant Opening = Day.At(new LocalTime(9, 0)).InZoneStrictly(Nairobi).ToInstant();
    private static readonly Instant Closing = Day.At(new LocalTime(18, 0)).InZoneStrictly(Nairobi).ToInstant();
    private static readonly SenderId Sender = new(Guid.Parse("0194a7c0-0000-7000-8000-000000000002"));

    private static readonly SendWindow NineToSix =
        SendWindow.Create([new SendWindowRange(new LocalTime(9, 0), new LocalTime(18, 0))], [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday,
            IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], "Africa/Nairobi").Value;

    private static readonly SenderSettings CapTwoHundred =
        SenderSettings.Create("Africa/Nairobi", Day.PlusDays(-100), dailyCapMin: 200, dailyCapMax: 200).Value;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Plan_SpreadOverANineHourWindow_SpendsTheBudgetEvenlyUntilClosing(int seed)
    {
        var sends = SimulateDay(PacingProfile.Spread, seed);

        Assert.Equal(200, sends.Count);
        Assert.All(sends, at => Assert.True(at >= Opening && at < Closing, $"{at} is outside 09:00–18:00"));
        var gaps = sends.Zip(sends.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        var even = Duration.FromHours(9).TotalSeconds / 200;
        Assert.InRange(gaps.Average(), even * 0.9, even * 1.1);
        Assert.True(sends[^1] > Closing - Duration.FromMinutes(20), $"the budget ran out at {sends[^1].InZone(Nairobi)}, long before closing");

        // Never a burst: no gap under a third of the even gap, and no 10 minutes with more than twice their even share.
        Assert.All(gaps, gap => Assert.True(gap > even / 3, $"a gap of {gap:0.0} s"));
        var mostInTenMinutes = sends.Max(start => sends.Count(at => at >= start && at < start + Duration.FromMinutes(10)));
        Assert.InRange(mostInTenMinutes, 1, 2 * 600 / even);
    }

    [Fact]
    public void Plan_FloorProfile_SpendsTheBudgetAtTheFloorAndJitterAsBefore()
    {
        var sends = SimulateDay(PacingProfile.Floor, 3);

        Assert.Equal(200, sends.Count);
        var gaps = sends.Zip(sends.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, gap => Assert.InRange(gap, Duration.FromSeconds(2), Duration.FromSeconds(6)));
        Assert.True(sends[^1] < Opening + Duration.FromMinutes(25), "the floor profile spends its day in minutes");
    }

    [Fact]
    public void Plan_FloorProfile_DrawsTheSameGapsAsDraw()
    {
        var planned = new SeededRandomSource(5);
        var drawn = new SeededRandomSource(5);
        var left = new DayLeft(Duration.FromHours(9), 199);

        var a = Enumerable.Range(0, 50).Select(_ => SendGap.Plan(CapTwoHundred, PacingProfile.Floor, left, 1, planned)).ToList();
        var b = Enumerable.Range(0, 50).Select(_ => SendGap.Draw(CapTwoHundred, drawn)).ToList();

        Assert.Equal(b, a);
    }

    private static List<Instant> SimulateDay(PacingProfile profile, int seed)
    {
        var pacing = SenderPacing.Create(SenderPacing.ProfileName(profile), null, null).Value;
        var random = new SeededRandomSource(seed);
        var state = PacingState.Empty;
        var sends = new List<Instant>();
        var now = Opening;
        var endOfDay = SenderDay.StartOfNext(Day, Nairobi);

        // Bounded, so that a decision that stops moving time fails the test instead of hanging it.
        for (var step = 0; step < 10_000 && now < endOfDay; step++)
        {
            if (!NineToSix.IsOpen(now, Nairobi))
            {
                now = NineToSix.NextOpening(now, Nairobi);
                continue;
            }

            switch (PacingRules.Decide(Sender, CapTwoHundred, pacing, state, now, Duration.FromHours(72)))
            {
                case PacingDecision.Send send:
                    sends.Add(now);
                    state = new PacingState(send.Day, send.SentToday, send.Cap, now);
                    var left = new DayLeft(NineToSix.OpenTimeLeft(now, Nairobi, endOfDay), send.Cap - send.SentToday);
                    now = PacingRules.Next(now, now, CapTwoHundred, SendGap.Plan(CapTwoHundred, pacing.Profile, left, 1, random));
                    break;
                case PacingDecision.Wait wait:
                    Assert.True(wait.Until > now, $"a wait at {now} ends at {wait.Until}");
                    now = wait.Until;
                    break;
            }
        }

        return sends;
    }
}
