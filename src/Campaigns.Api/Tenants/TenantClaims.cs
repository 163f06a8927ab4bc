using System.Security.Claims;
using Campaigns.Domain.Tenants;

namespace Campaigns.Api.Tenants;

internal static class TenantClaims
{
    /// <summary>The tenant of an authenticated <c>/api</c> caller.</summary>
    public static TenantId TenantId(this ClaimsPrincipal user) =>
        new(Guid.Parse(user.FindFirstValue(ApiKeyAuthenticationHandler.TenantClaim)
            ?? throw new InvalidOperationException("The caller is not authenticated by API key.")));
}
