using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// A campaign's projected finish: when the last of its senders would send its last message. Each sender sends its
/// queued messages, plus an even share of the messages not assigned to a sender yet, one gap apart by its profile
/// (a floor sender: the mean gap, <see cref="SendGap.Mean"/>, the floor plus the middle of the jitter range; a spread
/// sender: the day's budget left spread over the window's open time left that day, as <see cref="SendGap.Plan"/> plans
/// it, so it finishes its day's budget about one gap before the window's last closing), from its next send time (or now), within
/// what is left of today's cap; a capped sender resumes at its next local midnight with that day's cap
/// (<see cref="DailyCap"/>, warm-up included). When the window has a fixed time zone its closed hours are skipped.
/// <para>
/// It ignores: windows in each recipient's own zone (taken as always open), paused senders and back-off (a paused sender
/// is projected as if it sent), other campaigns sharing a sender's budget, the one-message-per-recipient-per-period
/// rule, the spread of the jitter around its mean, and messages in flight. An estimate, not a promise.
/// </para>
/// </summary>
public static class CampaignEta
{
    // Each step sends at least one message or moves to another day or opening: years of sending for any real campaign.
    private const int MaxSteps = 1_000_000;

    /// <summary>
    /// The projected finish, or null when nothing is left to send or nobody can send it (messages left and no sender,
    /// or more than <see cref="MaxSteps"/> days and openings away).
    /// </summary>
    /// <param name="unassigned">Messages of the campaign no sender has been given yet: shared evenly, as assignment does.</param>
    public static Instant? Estimate(IReadOnlyList<SenderWorkload> senders, int unassigned, SendWindow window, Instant now)
    {
        ArgumentNullException.ThrowIfNull(senders);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfNegative(unassigned);
        if (senders.Count == 0)
        {
            return null;
        }

        Instant? finish = null;
        for (var i = 0; i < senders.Count; i++)
        {
            var share = (unassigned / senders.Count) + (i < unassigned % senders.Count ? 1 : 0);
            var messages = senders[i].Queued + share;
            if (messages <= 0)
            {
                continue;
            }

            if (Finish(senders[i], messages, window, now) is not { } end)
            {
                return null;
            }

            finish = finish is { } f && f > end ? f : end;
        }

        return finish;
    }

    private static Instant? Finish(SenderWorkload sender, int messages, SendWindow window, Instant now)
    {
        var zone = sender.Settings.TimeZone;
        var gap = SendGap.Mean(sender.Settings);
        var fixedWindow = window.TimeZone is not null;
        var state = sender.State;
        var at = sender.NextSendAt is { } next && next > now ? next : now;
        var left = messages;
        for (var step = 0; step < MaxSteps; step++)
        {
            if (fixedWindow)
            {
                at = window.NextOpening(at, zone);
            }

            var day = SenderDay.Of(at, zone);
            var budget = state.On(day, sender.Sender, sender.Settings);
            var endOfDay = SenderDay.StartOfNext(day, zone);
            if (budget.Left == 0)
            {
                at = endOfDay;
                continue;
            }

            // Sends at at, at + gap, … before the day ends (and before the window closes).
            var until = fixedWindow ? Instant.Min(endOfDay, window.NextClosing(at, zone)) : endOfDay;
            gap = Gap(sender, window, at, endOfDay, budget.Left);
            var slots = Math.Max((long)Math.Ceiling((until - at) / gap), 1);
            var sent = (int)Math.Min(Math.Min(left, budget.Left), slots);
            left -= sent;
            var last = at + (gap * (sent - 1));
            if (left == 0)
            {
                return last;
            }

            state = new PacingState(day, budget.Sent + sent, budget.Cap, last);
            at = last + gap;
        }

        return null;
    }

    /// <summary>
    /// The gap from <paramref name="at"/> on: the mean gap for a floor sender; for a spread sender the window's open time
    /// left that day (in the sender's zone, also for a window in each recipient's zone) ÷ the budget left before the next
    /// send (which is what <see cref="SendGap.Plan"/> divides by after it: budget left + 1), never under the mean gap;
    /// Plan's jitter of ×U(0.7, 1.3) averages to the same even gap.
    /// </summary>
    private static Duration Gap(SenderWorkload sender, SendWindow window, Instant at, Instant endOfDay, int budgetLeft)
    {
        var mean = SendGap.Mean(sender.Settings);
        if (sender.Pacing.Profile is not PacingProfile.Spread)
        {
            return mean;
        }

        var open = window.OpenTimeLeft(at, sender.Settings.TimeZone, endOfDay);
        return Duration.Max(open / budgetLeft, mean);
    }
}
