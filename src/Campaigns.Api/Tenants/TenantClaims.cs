using System.Security.Claims;
using Campaigns.Domain.Tenants;

namespace Campaigns.Api.Tenants;

internal static class TenantClaims
{
    /// <summary>The claim type of the caller's API key id: the key itself, or the key a bearer token was made from.</summary>
    public const string KeyClaim = "key";

    /// <summary>The tenant of an authenticated <c>/api</c> caller.</summary>
    public static TenantId TenantId(this ClaimsPrincipal user) =>
        new(Guid.Parse(user.FindFirstValue(ApiKeyAuthenticationHandler.TenantClaim)
            ?? throw new InvalidOperationException("The caller is not authenticated.")));

    /// <summary>The id of the API key behind an authenticated caller (for a token: the key it was made from).</summary>
    public static Guid ApiKeyId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(KeyClaim) ?? throw new InvalidOperationException("The caller is not authenticated."));
}
