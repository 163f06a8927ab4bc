namespace Campaigns.Api.Tenants;

/// <summary>The caller's tenant.</summary>
public sealed record TenantResponse(Guid Id, string Name);
