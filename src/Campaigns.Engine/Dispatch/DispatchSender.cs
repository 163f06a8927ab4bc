using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using NodaTime;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// The live sender of a due number, as the claim reads it: what to call (its instance key still encrypted), its current
/// pacing settings (a <c>PATCH</c> applies to the next claim) and whether it may send.
/// </summary>
internal sealed record DispatchSender(
    SenderId Id,
    TenantId Tenant,
    Uri GatewayUrl,
    string Instance,
    string ProtectedInstanceKey,
    SenderSettings Settings,
    string State,
    string? PausedReason,
    Instant? BackoffUntil)
{
    /// <summary>Linked (<c>open</c>) and not paused by dispatch or its user; a back-off only delays it.</summary>
    public bool IsUsable => State == "open" && PausedReason is null;
}
