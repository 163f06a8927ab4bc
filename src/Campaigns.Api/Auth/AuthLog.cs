namespace Campaigns.Api.Auth;

/// <summary>Log messages of bearer tokens: event ids 3140–3159. Never the token itself.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 3140, Level = LogLevel.Information,
        Message = "Token {TokenId} issued for tenant {TenantId} from key {KeyId}: scopes {Scopes}, {ExpiresIn} s")]
    public static partial void TokenIssued(this ILogger logger, Guid tokenId, Guid tenantId, Guid keyId, string scopes, int expiresIn);

    [LoggerMessage(EventId = 3141, Level = LogLevel.Information,
        Message = "Token {TokenId} refused: its key {KeyId} of tenant {TenantId} is revoked")]
    public static partial void TokenOfRevokedKey(this ILogger logger, string? tokenId, Guid keyId, Guid tenantId);
}
