using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using NodaTime;

namespace Campaigns.Engine.Senders;

/// <summary>An Evolution server registered by a tenant with its master key (kept encrypted).</summary>
internal sealed record RegisteredGateway(GatewayId Id, TenantId Tenant, string Name, Uri Url, string ProtectedApiKey, Instant CreatedAt);
