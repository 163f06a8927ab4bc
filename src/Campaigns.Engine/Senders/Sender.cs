using Campaigns.Domain.Pacing;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using NodaTime;

namespace Campaigns.Engine.Senders;

/// <summary>A stored sender. Its instance key stays encrypted here (<see cref="ProtectedInstanceKey"/>).</summary>
/// <param name="GatewayId">The registered gateway it was created on, when it was (enables QR linking and key repair).</param>
/// <param name="Phone">
/// The linked number in E.164, once the gateway has told it; stays null while another live sender holds the number
/// (one number, one budget), and then <paramref name="StateReason"/> says so.
/// </param>
/// <param name="Pause">Why and since when it is paused (by its user or by dispatch); null when it is not.</param>
/// <param name="ConsecutiveFailures">Sends failed in a row, as dispatch counts them.</param>
/// <param name="Restriction">Its restriction in force (a reach-out timelock whose end lies ahead); null when none.</param>
internal sealed record Sender(
    SenderId Id,
    TenantId Tenant,
    GatewayId? GatewayId,
    string Name,
    Uri GatewayUrl,
    string Instance,
    string ProtectedInstanceKey,
    string? Phone,
    SenderSettings Settings,
    SenderState State,
    string? StateReason,
    Instant StateChangedAt,
    Instant CreatedAt,
    SenderPause? Pause = null,
    int ConsecutiveFailures = 0,
    SenderRestriction? Restriction = null)
{
    /// <summary>Its pacing profile and per-minute and per-hour caps (<c>senders.pacing_profile</c>, …).</summary>
    public SenderPacing Pacing { get; init; } = SenderPacing.Default;

    /// <summary>Whether its sends simulate typing (the gateway's <c>delay</c>); off by default.</summary>
    public bool Typing { get; init; }
}
