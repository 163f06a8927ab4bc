using Campaigns.Domain.Tenants;

namespace Campaigns.Engine.Tenants;

/// <summary>Whose an API key is: its tenant, and the key's own id (tokens made from it name it).</summary>
internal readonly record struct ApiKeyOwner(TenantId Tenant, Guid KeyId);
