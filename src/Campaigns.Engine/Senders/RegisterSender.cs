using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using NodaTime;

namespace Campaigns.Engine.Senders;

/// <summary>
/// Registers a sender. Either an existing instance (<see cref="GatewayUrl"/> + <see cref="Instance"/> +
/// <see cref="InstanceApiKey"/>), or one on a registered gateway (<see cref="GatewayId"/> + <see cref="Instance"/>), which
/// <see cref="CreateInstance"/> creates there. Absent pacing settings take DESIGN.md's defaults; the time zone defaults to
/// the linked number's.
/// </summary>
/// <param name="WebhookBase">Where the gateway reaches this API: the webhook URL is built below it.</param>
/// <param name="Typing">Whether its sends simulate typing.</param>
internal sealed record RegisterSender(
    TenantId Tenant,
    string? Name,
    string? GatewayUrl,
    string? Instance,
    string? InstanceApiKey,
    GatewayId? GatewayId,
    bool CreateInstance,
    string? TimeZone,
    LocalDate? ActivatedOn,
    int? DailyCapMin,
    int? DailyCapMax,
    int? MinIntervalMs,
    int? JitterMinMs,
    int? JitterMaxMs,
    Uri WebhookBase,
    bool Typing = false);
