using Campaigns.Domain.Common;
using Campaigns.Domain.Pacing;
using Campaigns.Domain.Senders;
using NodaTime;
using PacingRules = Campaigns.Domain.Pacing.Pacing;

namespace Campaigns.Domain.Tests.Pacing;

public sealed class PacingTests
{
    private static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];
    private static readonly LocalDate Today = new(2026, 11, 26);
    private static readonly Instant Now = new LocalDateTime(2026, 11, 26, 15, 0).InZoneStrictly(Nairobi).ToInstant();
    private static readonly SenderId Sender = new(Guid.Parse("0194a7c0-0000-7000-8000-000000000001"));

    [Fact]
    public void Decide_NeverSent_SendsAsFirstOfTodayWithTodaysCap()
    {
        var settings = CreateSettings();

        var decision = PacingRules.Decide(Sender, settings, PacingState.Empty, Now);

        Assert.Equal(new PacingDecision.Send(Today, DailyCap.For(Sender, settings, Today), 1), decision);
    }

    [Fact]
    public void Decide_SentTodayUnderStoredCap_CountsThisSendAndKeepsTheStoredCap()
    {
        var state = new PacingState(Today, 41, 42, Now - Duration.FromMinutes(1));

        var decision = PacingRules.Decide(Sender, CreateSettings(), state, Now);

        Assert.Equal(new PacingDecision.Send(Today, 42, 42), decision);
    }

    [Fact]
    public void Decide_CapReached_WaitsUntilTheNextLocalMidnight()
    {
        var state = new PacingState(Today, 42, 42, Now - Duration.FromMinutes(1));

        var decision = PacingRules.Decide(Sender, CreateSettings(), state, Now);

        var midnight = new LocalDateTime(2026, 11, 27, 0, 0).InZoneStrictly(Nairobi).ToInstant();
        Assert.Equal(new PacingDecision.Wait(midnight, WaitReason.DailyCap), decision);
    }

    [Fact]
    public void Decide_CapReachedOnSpringForwardDay_WaitsUntilMidnightAfterTwentyThreeHours()
    {
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var settings = CreateSettings().WithTimeZone(newYork);
        var now = Instant.FromUtc(2026, 3, 8, 12, 0);
        var state = new PacingState(new LocalDate(2026, 3, 8), 250, 250, now - Duration.FromMinutes(1));

        var decision = PacingRules.Decide(Sender, settings, state, now);

        Assert.Equal(new PacingDecision.Wait(Instant.FromUtc(2026, 3, 9, 4, 0), WaitReason.DailyCap), decision);
    }

    [Fact]
    public void Decide_CounterOfAnEarlierDay_StartsTheDayAfreshWithTodaysDrawnCap()
    {
        var settings = CreateSettings();
        var state = new PacingState(Today.PlusDays(-1), 300, 300, Now - Duration.FromHours(20));

        var decision = PacingRules.Decide(Sender, settings, state, Now);

        Assert.Equal(new PacingDecision.Send(Today, DailyCap.For(Sender, settings, Today), 1), decision);
    }

    [Fact]
    public void Decide_DayTurnsInTheSendersZone_NotInUtc()
    {
        // 22:30 UTC on the 26th is already the 27th in Nairobi (UTC+3): yesterday's full counter no longer counts.
        var state = new PacingState(Today, 42, 42, null);

        var before = PacingRules.Decide(Sender, CreateSettings(), state, Instant.FromUtc(2026, 11, 26, 20, 59));
        var after = PacingRules.Decide(Sender, CreateSettings(), state, Instant.FromUtc(2026, 11, 26, 21, 0));

        Assert.IsType<PacingDecision.Wait>(before);
        Assert.Equal(1, Assert.IsType<PacingDecision.Send>(after).SentToday);
    }

    [Fact]
    public void Decide_CapDrawnOverManyDays_StaysInTheSettingsRangeAndReachesBothEnds()
    {
        var settings = SenderSettings.Create("Africa/Nairobi", Today.PlusDays(-100), dailyCapMin: 5, dailyCapMax: 7).Value;

        var caps = Enumerable.Range(0, 200)
            .Select(d => Assert.IsType<PacingDecision.Send>(PacingRules.Decide(Sender, settings, PacingState.Empty, Now + Duration.FromDays(d))).Cap)
            .ToList();

        Assert.Equal([5, 6, 7], caps.Distinct().Order());
    }

    [Fact]
    public void Decide_NumberActivatedToday_WarmsUpWithTwenty()
    {
        var settings = CreateSettings().WithActivatedOn(Today);

        var decision = PacingRules.Decide(Sender, settings, PacingState.Empty, Now);

        Assert.Equal(DailyCap.WarmUpStart, Assert.IsType<PacingDecision.Send>(decision).Cap);
    }

    [Fact]
    public void Decide_NumberHalfwayThroughWarmUp_CapIsBetweenTwentyAndTheDrawnCap()
    {
        var settings = CreateSettings().WithActivatedOn(Today.PlusDays(-15));
        var drawn = DailyCap.For(Sender, CreateSettings(), Today);

        var decision = PacingRules.Decide(Sender, settings, PacingState.Empty, Now);

        Assert.InRange(Assert.IsType<PacingDecision.Send>(decision).Cap, DailyCap.WarmUpStart + 1, drawn - 1);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(400)]
    public void Decide_NumberThirtyDaysOrOlder_CapIsTheDrawnCap(int ageDays)
    {
        var settings = CreateSettings().WithActivatedOn(Today.PlusDays(-ageDays));

        var cap = Assert.IsType<PacingDecision.Send>(PacingRules.Decide(Sender, settings, PacingState.Empty, Now)).Cap;

        Assert.Equal(DailyCap.For(Sender, CreateSettings(), Today), cap);
        Assert.InRange(cap, 200, 300);
    }

    [Fact]
    public void Decide_WarmUpCapReached_Waits()
    {
        var settings = CreateSettings().WithActivatedOn(Today);

        var decision = PacingRules.Decide(Sender, settings, new PacingState(Today, 20, null, null), Now);

        Assert.Equal(WaitReason.DailyCap, Assert.IsType<PacingDecision.Wait>(decision).Reason);
    }

    [Fact]
    public void Decide_FloorNotPassed_WaitsUntilTheFloorSinceTheLastSend()
    {
        var last = Now - Duration.FromMilliseconds(400);

        var decision = PacingRules.Decide(Sender, CreateSettings(), new PacingState(Today, 1, 250, last), Now);

        Assert.Equal(new PacingDecision.Wait(last + Duration.FromSeconds(1), WaitReason.Gap), decision);
    }

    [Fact]
    public void Decide_FloorJustPassed_Sends()
    {
        var last = Now - Duration.FromSeconds(1);

        var decision = PacingRules.Decide(Sender, CreateSettings(), new PacingState(Today, 1, 250, last), Now);

        Assert.Equal(new PacingDecision.Send(Today, 250, 2), decision);
    }

    [Fact]
    public void Decide_IntervalRaisedByPatch_AppliesToTheNextSend()
    {
        var settings = CreateSettings();
        var last = Now - Duration.FromMilliseconds(1500);
        var state = new PacingState(Today, 1, 250, last);
        var patched = settings.With(new SenderSettingsPatch { MinIntervalMs = new Optional<int?>(2000) }, Today).Value;

        var before = PacingRules.Decide(Sender, settings, state, Now);
        var after = PacingRules.Decide(Sender, patched, state, Now);

        Assert.IsType<PacingDecision.Send>(before);
        Assert.Equal(new PacingDecision.Wait(last + Duration.FromSeconds(2), WaitReason.Gap), after);
    }

    [Fact]
    public void Next_RecentSend_IsTheSendPlusTheDrawnGap()
    {
        var settings = CreateSettings();
        var leftAt = Now - Duration.FromMilliseconds(300);

        var next = PacingRules.Next(leftAt, settings, new FixedRandomSource(0.25), Now);

        Assert.Equal(leftAt + Duration.FromSeconds(1 + 1 + (0.25 * 4)), next);
    }

    [Fact]
    public void Next_AnsweredWithinTheJitter_CountsTheDrawnGapFromTheRequest()
    {
        var requestedAt = Now;
        var answeredAt = Now + Duration.FromMilliseconds(1500); // under the 2 s of jitter drawn below

        var next = PacingRules.Next(requestedAt, answeredAt, CreateSettings(), new FixedRandomSource(0.25));

        Assert.Equal(requestedAt + Duration.FromSeconds(3), next);
    }

    [Fact]
    public void Next_AnsweredAfterTheJitter_KeepsTheFloorAfterTheAnswer()
    {
        var requestedAt = Now;
        var answeredAt = Now + Duration.FromMilliseconds(2900); // the gateway may have received it just now

        var next = PacingRules.Next(requestedAt, answeredAt, CreateSettings(), new FixedRandomSource(0.25));

        Assert.Equal(answeredAt + SenderSettings.Floor, next);
    }

    [Fact]
    public void Next_SendLeftLongAgo_IsNow()
    {
        var next = PacingRules.Next(Now - Duration.FromMinutes(5), CreateSettings(), new FixedRandomSource(FixedRandomSource.JustUnderOne), Now);

        Assert.Equal(Now, next);
    }

    [Fact]
    public void NextThenDecide_SeededDay_ReplaysAndNeverSendsTwiceWithinTheFloor()
    {
        static List<Instant> Run(int seed)
        {
            var settings = SenderSettings.Create("Africa/Nairobi", Today.PlusDays(-100), dailyCapMin: 50, dailyCapMax: 60, jitterMinMs: 0, jitterMaxMs: 500).Value;
            var random = new SeededRandomSource(seed);
            var state = PacingState.Empty;
            var sends = new List<Instant>();
            var now = Now;
            // Bounded, so that a decision that stops moving time fails the test instead of hanging it.
            for (var step = 0; step < 1000 && now < Now + Duration.FromDays(1); step++)
            {
                switch (PacingRules.Decide(Sender, settings, state, now))
                {
                    case PacingDecision.Send send:
                        sends.Add(now);
                        state = new PacingState(send.Day, send.SentToday, send.Cap, now);
                        now = PacingRules.Next(now, settings, random, now);
                        break;
                    case PacingDecision.Wait wait:
                        Assert.True(wait.Until > now, $"a wait at {now} ends at {wait.Until}");
                        now = wait.Until;
                        break;
                }
            }

            return sends;
        }

        var sends = Run(3);

        Assert.Equal(sends, Run(3));
        Assert.All(sends.Zip(sends.Skip(1)), pair => Assert.True(pair.Second - pair.First >= Duration.FromSeconds(1)));
        var perDay = sends.GroupBy(s => SenderDay.Of(s, Nairobi)).Select(g => g.Count()).ToList();
        Assert.All(perDay, count => Assert.InRange(count, 50, 60));
        Assert.Equal(2, perDay.Count);
    }

    [Fact]
    public void Decide_PerMinuteCapFull_WaitsUntilTheOldestSendOfTheMinuteLeavesIt()
    {
        var pacing = SenderPacing.Create("spread", 3, null).Value;
        var recent = new[] { Now - Duration.FromSeconds(50), Now - Duration.FromSeconds(30), Now - Duration.FromSeconds(10), Now - Duration.FromSeconds(70) };
        var state = new PacingState(Today, 4, 250, Now - Duration.FromSeconds(10)) { RecentSends = recent };

        var decision = PacingRules.Decide(Sender, CreateSettings(), pacing, state, Now, Duration.FromHours(72));

        Assert.Equal(new PacingDecision.Wait(Now + Duration.FromSeconds(10), WaitReason.Rate), decision);
    }

    [Fact]
    public void Decide_PerMinuteCapNotFull_Sends()
    {
        var pacing = SenderPacing.Create("spread", 3, null).Value;
        var recent = new[] { Now - Duration.FromSeconds(61), Now - Duration.FromSeconds(30), Now - Duration.FromSeconds(10) };
        var state = new PacingState(Today, 3, 250, Now - Duration.FromSeconds(10)) { RecentSends = recent };

        var decision = PacingRules.Decide(Sender, CreateSettings(), pacing, state, Now, Duration.FromHours(72));

        Assert.IsType<PacingDecision.Send>(decision);
    }

    [Fact]
    public void Decide_PerHourCapFull_WaitsUntilTheOldestSendOfTheHourLeavesIt()
    {
        var pacing = SenderPacing.Create("floor", null, 2).Value;
        var recent = new[] { Now - Duration.FromMinutes(40), Now - Duration.FromMinutes(5) };
        var state = new PacingState(Today, 2, 250, Now - Duration.FromMinutes(5)) { RecentSends = recent };

        var decision = PacingRules.Decide(Sender, CreateSettings(), pacing, state, Now, Duration.FromHours(72));

        Assert.Equal(new PacingDecision.Wait(Now + Duration.FromMinutes(20), WaitReason.Rate), decision);
    }

    [Fact]
    public void Decide_IdleLongerThanTheRestart_RestartsTheWarmUpToday()
    {
        var settings = CreateSettings(); // activated 100 days ago: past its warm-up
        var state = new PacingState(Today.PlusDays(-4), 250, 250, Now - Duration.FromHours(73));

        var send = Assert.IsType<PacingDecision.Send>(PacingRules.Decide(Sender, settings, SenderPacing.Default, state, Now, Duration.FromHours(72)));

        Assert.Equal(Today, send.WarmUpFrom);
        Assert.Equal(DailyCap.WarmUpStart, send.Cap);
        Assert.Equal(1, send.SentToday);
    }

    [Fact]
    public void Decide_IdleShorterThanTheRestart_KeepsTheWarmUp()
    {
        var state = new PacingState(Today.PlusDays(-2), 250, 250, Now - Duration.FromHours(71));

        var send = Assert.IsType<PacingDecision.Send>(PacingRules.Decide(Sender, CreateSettings(), SenderPacing.Default, state, Now, Duration.FromHours(72)));

        Assert.Null(send.WarmUpFrom);
        Assert.Equal(DailyCap.For(Sender, CreateSettings(), Today), send.Cap);
    }

    [Fact]
    public void Decide_WarmUpRestartedTenDaysAgo_RampsFromThatDay()
    {
        var settings = CreateSettings();
        var state = new PacingState(Today.PlusDays(-1), 40, 40, Now - Duration.FromHours(20)) { WarmUpFrom = Today.PlusDays(-10) };

        var send = Assert.IsType<PacingDecision.Send>(PacingRules.Decide(Sender, settings, SenderPacing.Default, state, Now, Duration.FromHours(72)));

        Assert.Equal(DailyCap.For(Sender, settings.WithActivatedOn(Today.PlusDays(-10)), Today), send.Cap);
        Assert.True(send.Cap < DailyCap.For(Sender, settings, Today));
    }

    private static SenderSettings CreateSettings() => SenderSettings.Create("Africa/Nairobi", Today.PlusDays(-100)).Value;
}
