using Campaigns.Domain.Common;
using NodaTime;

namespace Campaigns.Domain.Senders;

/// <summary>
/// A change to <see cref="SenderSettings"/> with JSON Merge Patch meaning: a field left absent keeps its value, a
/// field given as null takes its default (DESIGN.md's: caps 200–300, 1,000 ms floor, jitter 1–5 s; the number starts
/// today), a value replaces it. The time zone has no default once a sender exists, so it cannot be null.
/// </summary>
public sealed record SenderSettingsPatch
{
    public Optional<string?> TimeZone { get; init; }

    /// <summary>Null: today in the sender's zone (the number warms up), which the caller supplies.</summary>
    public Optional<LocalDate?> ActivatedOn { get; init; }

    public Optional<int?> DailyCapMin { get; init; }

    public Optional<int?> DailyCapMax { get; init; }

    public Optional<int?> MinIntervalMs { get; init; }

    public Optional<int?> JitterMinMs { get; init; }

    public Optional<int?> JitterMaxMs { get; init; }
}
