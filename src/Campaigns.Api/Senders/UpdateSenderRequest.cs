namespace Campaigns.Api.Senders;

/// <summary>A partial update: absent fields stay as they are. A new <c>instanceApiKey</c> is checked with the gateway.</summary>
internal sealed record UpdateSenderRequest(
    string? Name,
    string? InstanceApiKey,
    string? TimeZone,
    string? ActivatedOn,
    int? DailyCapMin,
    int? DailyCapMax,
    int? MinIntervalMs,
    int? JitterMinMs,
    int? JitterMaxMs);
