using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// What is stored of one number's pacing: the local day its counter counts (<paramref name="Day"/>, null before its
/// first send), the sends made that day, that day's cap once drawn, and when its last send left. A counter of another
/// day than today counts nothing: the day has turned. <see cref="RecentSends"/> and <see cref="WarmUpFrom"/> are set
/// with <c>init</c> (empty and null when not given).
/// </summary>
public sealed record PacingState(LocalDate? Day, int SentToday, int? CapToday, Instant? LastSentAt)
{
    /// <summary>A number that never sent.</summary>
    public static PacingState Empty { get; } = new(null, 0, null, null);

    /// <summary>When the number's sends of about the last hour left (<c>numbers.recent_sends</c>), for the per-minute and per-hour caps.</summary>
    public IReadOnlyList<Instant> RecentSends { get; init; } = [];

    /// <summary>
    /// The day the warm-up ramp started again (after idleness or a restriction); null: it starts at the sender's
    /// <see cref="SenderSettings.ActivatedOn"/>. The ramp's day 0 is the later of the two.
    /// </summary>
    public LocalDate? WarmUpFrom { get; init; }

    /// <summary>
    /// The budget on <paramref name="day"/>: the stored count and cap when this state counts that day, else nothing sent
    /// and the cap drawn for that day (<see cref="DailyCap.For"/>, warm-up included, its ramp counted from the later of
    /// <see cref="SenderSettings.ActivatedOn"/> and <see cref="WarmUpFrom"/>).
    /// </summary>
    public DayBudget On(LocalDate day, SenderId sender, SenderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ramp = WarmUpFrom is { } from && from > settings.ActivatedOn ? settings.WithActivatedOn(from) : settings;
        return Day == day
            ? new DayBudget(day, SentToday, CapToday ?? DailyCap.For(sender, ramp, day))
            : new DayBudget(day, 0, DailyCap.For(sender, ramp, day));
    }
}
