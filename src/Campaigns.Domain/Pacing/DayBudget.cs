using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>A number's budget on one local <paramref name="Day"/>: the sends counted and the day's cap.</summary>
public sealed record DayBudget(LocalDate Day, int Sent, int Cap)
{
    /// <summary>The sends still allowed that day (never negative: a cap lowered below the count leaves none).</summary>
    public int Left => Math.Max(Cap - Sent, 0);
}
