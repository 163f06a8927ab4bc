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
    Uri WebhookBase)
{
    /// <summary><c>spread</c> (null: the default) or <c>floor</c>.</summary>
    public string? PacingProfile { get; init; }

    public int? MaxPerMinute { get; init; }

    public int? MaxPerHour { get; init; }

    /// <summary>Whether its sends simulate typing (default false).</summary>
    public bool Typing { get; init; }
}
