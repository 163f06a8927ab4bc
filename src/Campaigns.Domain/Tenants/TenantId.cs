namespace Campaigns.Domain.Tenants;

/// <summary>Identifies a tenant. <c>default</c> (an empty Guid) identifies no tenant.</summary>
public readonly record struct TenantId(Guid Value)
{
    public static TenantId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
