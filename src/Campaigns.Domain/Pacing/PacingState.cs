using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// What is stored of one number's pacing: the local day its counter counts (<paramref name="Day"/>, null before its
/// first send), the sends made that day, that day's cap once drawn, and when its last send left. A counter of another
/// day than today counts nothing: the day has turned.
/// </summary>
public sealed record PacingState(LocalDate? Day, int SentToday, int? CapToday, Instant? LastSentAt)
{
    /// <summary>A number that never sent.</summary>
    public static PacingState Empty { get; } = new(null, 0, null, null);

    /// <summary>
    /// The budget on <paramref name="day"/>: the stored count and cap when this state counts that day, else nothing sent
    /// and the cap drawn for that day (<see cref="DailyCap.For"/>, warm-up included).
    /// </summary>
    public DayBudget On(LocalDate day, SenderId sender, SenderSettings settings) =>
        Day == day
            ? new DayBudget(day, SentToday, CapToday ?? DailyCap.For(sender, settings, day))
            : new DayBudget(day, 0, DailyCap.For(sender, settings, day));
}
