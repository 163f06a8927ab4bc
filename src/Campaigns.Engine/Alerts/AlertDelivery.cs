using NodaTime;

namespace Campaigns.Engine.Alerts;

/// <summary>An event claimed for delivery, with its tenant's URL and encrypted secret; <paramref name="Attempt"/> counts this one.</summary>
internal sealed record AlertDelivery(
    long Id, Guid EventId, Guid Tenant, string Type, Instant At, string Data, int Attempt, Uri Url, string ProtectedSecret);
