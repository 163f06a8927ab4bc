using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using NodaTime;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// The live sender of a due number, as the claim reads it: what to call (its instance key still encrypted), its current
/// pacing settings (a <c>PATCH</c> applies to the next claim) and whether it may send.
/// </summary>
/// <param name="IsUsable">Whether it may send (<see cref="Senders.SenderUsability"/>); a back-off only delays it.</param>
/// <param name="Typing">Whether its sends simulate typing (<see cref="TypingOptions"/>).</param>
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
    bool Typing = false,
    Instant? RestrictedUntil = null);
