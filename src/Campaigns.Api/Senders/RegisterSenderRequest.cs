namespace Campaigns.Api.Senders;

/// <summary>
/// Register an existing instance (<c>gatewayUrl</c>, <c>instance</c>, <c>instanceApiKey</c>), or one of a registered gateway
/// (<c>gatewayId</c>, <c>instance</c>; <c>createInstance: true</c> creates it there). Pacing fields default to 200–300 a day,
/// 1,000 ms between sends, 1–5 s jitter; <c>timeZone</c> to the number's; <c>activatedOn</c> (yyyy-MM-dd) to today.
/// <c>typing</c> (default false) simulates typing before each send, counted inside the gap between sends.
/// </summary>
internal sealed record RegisterSenderRequest(
    string? Name,
    string? GatewayUrl,
    string? Instance,
    string? InstanceApiKey,
    Guid? GatewayId,
    bool? CreateInstance,
    string? TimeZone,
    string? ActivatedOn,
    int? DailyCapMin,
    int? DailyCapMax,
    int? MinIntervalMs,
    int? JitterMinMs,
    int? JitterMaxMs,
    bool? Typing = null);
