using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// The one home of the pacing rules of one number (DESIGN.md's token bucket of one token): never two sends closer than
/// the floor, max(<see cref="SenderSettings.MinInterval"/>, 1 s), plus the jitter drawn when the last send left
/// (<see cref="Next(Instant, Instant, SenderSettings, IRandomSource)"/>); never more sends in a local day than that day's cap (<see cref="DailyCap"/>, warm-up
/// included). The settings are read at each decision, so a change applies to the next send. Pure: the caller stores
/// the state and passes the time.
/// </summary>
public static class Pacing
{
    /// <summary>
    /// Whether the number may send at <paramref name="now"/>. It waits while the floor of the current settings since
    /// <see cref="PacingState.LastSentAt"/> has not passed (a raised interval applies to the next send), and until the
    /// start of the next local day when today's cap is reached: <see cref="PacingState.CapToday"/> when
    /// <see cref="PacingState.Day"/> is today, else the cap drawn for today.
    /// </summary>
    public static PacingDecision Decide(SenderId sender, SenderSettings settings, PacingState state, Instant now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(state);
        var zone = settings.TimeZone;
        var today = SenderDay.Of(now, zone);
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

        return new PacingDecision.Send(today, budget.Cap, budget.Sent + 1);
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
        return Instant.Max(requestedAt + SendGap.Draw(settings, random), answeredAt + SendGap.Floor(settings));
    }
}
