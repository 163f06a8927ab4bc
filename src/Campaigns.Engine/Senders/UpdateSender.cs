using NodaTime;

namespace Campaigns.Engine.Senders;

/// <summary>A partial update of a sender: null leaves a value as it is. A new instance key is checked with the gateway.</summary>
internal sealed record UpdateSender(
    string? Name,
    string? InstanceApiKey,
    string? TimeZone,
    LocalDate? ActivatedOn,
    int? DailyCapMin,
    int? DailyCapMax,
    int? MinIntervalMs,
    int? JitterMinMs,
    int? JitterMaxMs);
