using Campaigns.Api.Common;
using Campaigns.Api.Tenants;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Tenants;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Campaigns.Api.Auth;

/// <summary>
/// What the JWT bearer handler does beyond checking a token's signature, issuer, audience and expiry: refuses every token
/// while none can be made (no signing key), refuses a token whose API key is revoked (asked on every request, so
/// revoking a key ends its tokens at once), records the key's last use, and answers every refusal as a 401 problem.
/// </summary>
internal sealed class BearerTokenEvents(TenantStore tenants, ApiKeyStore keys, TokenKeyRing ring, ILogger<BearerTokenEvents> logger) : JwtBearerEvents
{
    public override Task MessageReceived(MessageReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ring.IsEnabled)
        {
            context.Fail(new BearerTokenRefusal(
                "auth.tokens_disabled", "This server accepts no bearer tokens: no signing key is configured. Use the API key in the 'apikey' header."));
        }

        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        if (!Guid.TryParse(principal?.FindFirst(ApiKeyAuthenticationHandler.TenantClaim)?.Value, out var tenant)
            || !Guid.TryParse(principal.FindFirst(TenantClaims.KeyClaim)?.Value, out var keyId))
        {
            context.Fail(new BearerTokenRefusal("auth.invalid_token", "The bearer token names no tenant or API key."));
            return;
        }

        var cancellationToken = context.HttpContext.RequestAborted;
        if (await tenants.FindActiveKeyAsync(new TenantId(tenant), keyId, cancellationToken) is not { } key)
        {
            logger.TokenOfRevokedKey(principal.FindFirst(JwtRegisteredClaimNames.Jti)?.Value, keyId, tenant);
            context.Fail(new BearerTokenRefusal(
                "auth.key_revoked", "The API key this token was made from is revoked, and its tokens with it. Ask for a new token."));
            return;
        }

        if (key.LastUseDue)
        {
            await keys.TouchAsync(keyId, cancellationToken);
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        var (code, detail) = context.AuthenticateFailure switch
        {
            BearerTokenRefusal refusal => (refusal.Code, refusal.Message),
            SecurityTokenExpiredException => ("auth.token_expired", "The bearer token has expired. Ask for a new one with the API key (POST /api/auth/token)."),
            not null => ("auth.invalid_token", "The bearer token is not valid: not one of this server's, or altered."),
            null => ("auth.invalid_token", "Send a token after 'Bearer ' in the Authorization header, or the API key in the 'apikey' header."),
        };
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", code, detail);
    }
}
