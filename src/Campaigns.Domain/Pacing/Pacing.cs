using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// The one home of the pacing rules of one number (DESIGN.md's token bucket of one token): never two sends closer than
/// the floor, max(<see cref="SenderSettings.MinInterval"/>, 1 s), plus the jitter drawn when the last send left
/// (<see cref="Next(Instant, Instant, SenderSettings, IRandomSource)"/>); never more sends in a local day than that day's cap (<see cref="DailyCap"/>, warm-up
/// included, its ramp restarted after idleness); never more than a sender's per-minute and per-hour caps; and, with the
/// spread profile, gaps that spread the day's budget over its open hours (<see cref="SendGap.Plan"/>). The settings are
/// read at each decision, so a change applies to the next send. Pure: the caller stores the state and passes the time.
/// </summary>
public static class Pacing
{
    /// <summary>
    /// Whether the number may send at <paramref name="now"/>, with the default <see cref="SenderPacing"/> (no per-minute
    /// or per-hour cap) and no warm-up restart: see the full overload.
    /// </summary>
    public static PacingDecision Decide(SenderId sender, SenderSettings settings, PacingState state, Instant now) =>
        Decide(sender, settings, SenderPacing.Default, state, now, Duration.MaxValue);

    /// <summary>
    /// Whether the number may send at <paramref name="now"/>. It waits while the floor of the current settings since
    /// <see cref="PacingState.LastSentAt"/> has not passed (a raised interval applies to the next send), until the
    /// start of the next local day when today's cap is reached (<see cref="PacingState.CapToday"/> when
    /// <see cref="PacingState.Day"/> is today, else the cap drawn for today), and, with a per-minute or per-hour cap,
    /// until the oldest of the <see cref="PacingState.RecentSends"/> that fill the minute or the hour leaves it.
    /// A number whose last send is more than <paramref name="idleRestart"/> old restarts its warm-up today: the send
    /// answered carries <see cref="PacingDecision.Send.WarmUpFrom"/> and today's cap is drawn on the restarted ramp.
    /// </summary>
    public static PacingDecision Decide(
        SenderId sender, SenderSettings settings, SenderPacing pacing, PacingState state, Instant now, Duration idleRestart)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(pacing);
        ArgumentNullException.ThrowIfNull(state);
        var zone = settings.TimeZone;
        var today = SenderDay.Of(now, zone);
        LocalDate? restart = state.LastSentAt is { } last && now - last > idleRestart ? today : null;
        if (restart is not null)
        {
            // Today's cap, if one was drawn before the restart, is drawn again on the restarted ramp.
            state = state with { WarmUpFrom = restart, CapToday = null };
        }

        var budget = state.On(today, sender, settings);
        var gapEnd = state.LastSentAt + SendGap.Floor(settings);
        if (budget.Left == 0)
        {
            var tomorrow = SenderDay.StartOfNext(today, zone);
            return new PacingDecision.Wait(gapEnd > tomorrow ? gapEnd.Value : tomorrow, WaitReason.DailyCap);
        }

        if (gapEnd > now)
        {
            return new PacingDecision.Wait(gapEnd.Value, WaitReason.Gap);
        }

        var free = Max(
            RateFree(state.RecentSends, now, Duration.FromMinutes(1), pacing.MaxPerMinute),
            RateFree(state.RecentSends, now, Duration.FromHours(1), pacing.MaxPerHour));
        if (free > now)
        {
            return new PacingDecision.Wait(free.Value, WaitReason.Rate);
        }

        return new PacingDecision.Send(today, budget.Cap, budget.Sent + 1) { WarmUpFrom = restart };
    }

    /// <summary>
    /// When the number may send next, after a send that left at <paramref name="leftAt"/>: that plus a drawn gap
    /// (<see cref="SendGap.Draw"/>), and never before <paramref name="now"/>.
    /// </summary>
    public static Instant Next(Instant leftAt, SenderSettings settings, IRandomSource random, Instant now) =>
        Instant.Max(leftAt + SendGap.Draw(settings, random), now);

    /// <summary>
    /// When the number may send next, after a send requested at <paramref name="requestedAt"/> and answered at
    /// <paramref name="answeredAt"/> (the gateway received it somewhere in between): the drawn gap counts from the
    /// request, so a slow gateway does not stretch every gap by its latency, and the floor
    /// (<see cref="SendGap.Floor"/>) counts from the answer, the latest moment the gateway can have received it, so the
    /// floor holds between any two arrivals whatever the latency did. At the defaults (1 s + 1–5 s) a gateway answering in
    /// 0.5–3 s leaves about 97 % of the drawn rate, where counting the whole gap from the answer would leave about 70 %.
    /// </summary>
    public static Instant Next(Instant requestedAt, Instant answeredAt, SenderSettings settings, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Next(requestedAt, answeredAt, settings, SendGap.Draw(settings, random));
    }

    /// <summary>
    /// When the number may send next, after a send requested at <paramref name="requestedAt"/> and answered at
    /// <paramref name="answeredAt"/>, with a <paramref name="gap"/> already planned (<see cref="SendGap.Plan"/>): the
    /// same rule, max(request + gap, answer + floor).
    /// </summary>
    public static Instant Next(Instant requestedAt, Instant answeredAt, SenderSettings settings, Duration gap)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Instant.Max(requestedAt + gap, answeredAt + SendGap.Floor(settings));
    }

    /// <summary>When a cap of <paramref name="cap"/> sends per <paramref name="span"/> allows a send again; null with no cap.</summary>
    private static Instant? RateFree(IReadOnlyList<Instant> recent, Instant now, Duration span, int? cap)
    {
        if (cap is not { } most)
        {
            return null;
        }

        var inSpan = recent.Where(at => at > now - span).Order().ToList();
        return inSpan.Count < most ? null : inSpan[inSpan.Count - most] + span;
    }

    private static Instant? Max(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Max(a.Value, b.Value);
}
