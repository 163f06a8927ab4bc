using Campaigns.Engine.Tenants;

namespace Campaigns.Api.Auth;

/// <summary>One of the tenant's API keys. The key itself is never shown again after its creation: only its first characters.</summary>
/// <param name="Prefix">The key's first characters, to tell keys apart.</param>
/// <param name="LastUsedAt">When the key, or a token made from it, was last used (to the minute); null: never.</param>
/// <param name="RevokedAt">When the key was revoked; null while it is active.</param>
/// <param name="Current">Whether this request was authenticated with this key.</param>
internal sealed record ApiKeyResponse(
    Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, bool Current)
{
    public static ApiKeyResponse From(StoredApiKey key, Guid currentKeyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new ApiKeyResponse(
            key.Id,
            key.Name,
            key.Prefix,
            key.CreatedAt.ToDateTimeOffset(),
            key.LastUsedAt?.ToDateTimeOffset(),
            key.RevokedAt?.ToDateTimeOffset(),
            key.Id == currentKeyId);
    }
}
