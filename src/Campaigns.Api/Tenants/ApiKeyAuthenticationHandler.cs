using System.Security.Claims;
using System.Text.Encodings.Web;
using Campaigns.Api.Auth;
using Campaigns.Api.Common;
using Campaigns.Engine.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Tenants;

/// <summary>
/// Authenticates <c>/api</c> calls by the <c>apikey</c> header (as the Evolution gateway does). A missing or unknown
/// key is answered 401 with problem details; the key itself is never logged.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TenantStore tenants,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "apikey";
    public const string TenantClaim = "tenant";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var owner = await tenants.FindByKeyAsync(values.ToString().Trim(), Context.RequestAborted);
        if (owner is not { } key)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        await keys.TouchAsync(key.KeyId, Context.RequestAborted); // its last use, shown in the key's listing (throttled)

        // An API key may do everything: its principal holds every scope.
        var identity = new ClaimsIdentity(
            [
                new Claim(TenantClaim, key.Tenant.Value.ToString()),
                new Claim(TenantClaims.KeyClaim, key.KeyId.ToString()),
                .. ApiScopes.All.Select(scope => new Claim(ApiScopes.Claim, scope)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var sent = Request.Headers.ContainsKey(HeaderName);
        await ProblemWriter.WriteAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            sent ? "auth.invalid_key" : "auth.missing_key",
            sent
                ? "The API key in the 'apikey' header is not valid."
                : "Send your API key in the 'apikey' header, or a token made from it (POST /api/auth/token) as 'Authorization: Bearer <token>'.");
    }
}
