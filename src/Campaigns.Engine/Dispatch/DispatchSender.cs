using Campaigns.Domain.Pacing;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using NodaTime;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// The live sender of a due number, as the claim reads it: what to call (its instance key still encrypted), its current
/// pacing settings (a <c>PATCH</c> applies to the next claim) and whether it may send.
/// </summary>
/// <param name="IsUsable">Whether it may send (<see cref="Senders.SenderUsability"/>); a back-off only delays it.</param>
/// <param name="RestrictedUntil">The end of its reach-out timelock (first contacts wait until then); null: none.</param>
internal sealed record DispatchSender(
    SenderId Id,
    TenantId Tenant,
    Uri GatewayUrl,
    string Instance,
    string ProtectedInstanceKey,
    SenderSettings Settings,
    bool IsUsable,
    string? PausedReason,
    Instant? BackoffUntil,
    Instant? RestrictedUntil = null)
{
    /// <summary>Its pacing profile and per-minute and per-hour caps (<c>senders.pacing_profile</c>, …).</summary>
    public SenderPacing Pacing { get; init; } = SenderPacing.Default;

    /// <summary>When its connection last became open again (<c>senders.reconnected_at</c>): its gaps ramp down from then.</summary>
    public Instant? ReconnectedAt { get; init; }

    /// <summary>Whether its sends simulate typing (<see cref="PacingOptions.TypingPerCharacter"/>).</summary>
    public bool Typing { get; init; }
}
