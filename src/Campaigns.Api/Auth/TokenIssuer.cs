using Campaigns.Api.Tenants;
using Campaigns.Domain.Common;
using Campaigns.Domain.Tenants;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Campaigns.Api.Auth;

/// <summary>
/// Makes bearer tokens: JWTs signed (HS256) with the first of <see cref="TokenKeyRing"/>'s keys, carrying the claims every
/// authenticated principal has (<c>tenant</c>, <c>key</c>, one <c>scope</c> per scope) and <c>jti</c>, <c>iat</c>,
/// <c>nbf</c>, <c>exp</c>, <c>iss</c>, <c>aud</c>. Nothing is stored: a token is checked by its signature, its expiry and,
/// on every request, its key (<see cref="BearerTokenEvents"/>).
/// </summary>
internal sealed class TokenIssuer(TokenKeyRing keys, IOptions<TokenOptions> options, IClock clock)
{
    /// <summary>The longest <c>scopes</c> list a request may send: 20 (there are six scopes; repeats are allowed).</summary>
    public const int MaxScopes = 20;

    private static readonly JsonWebTokenHandler Handler = new();

    /// <param name="scopes">The scopes asked for; null for all of them.</param>
    /// <param name="expiresIn">Seconds the token lives; null for <see cref="TokenOptions.Lifetime"/>, which is also the most.</param>
    /// <param name="name">The caller's label for the token (e.g. the branch it is for), written into it as <c>name</c>.</param>
    public Result<IssuedToken> Issue(TenantId tenant, Guid keyId, IReadOnlyList<string?>? scopes, int? expiresIn, string? name)
    {
        var maximum = (int)options.Value.Lifetime.TotalSeconds;
        var errors = new List<Error>();
        if (scopes is { Count: 0 })
        {
            errors.Add(TokenErrors.NoScopes());
        }
        else if (scopes is { Count: > MaxScopes })
        {
            errors.Add(TokenErrors.TooManyScopes(scopes.Count, MaxScopes)); // not each one listed: the answer stays small
        }
        else
        {
            errors.AddRange((scopes ?? []).Where(scope => scope is null || !ApiScopes.All.Contains(scope)).Distinct().Select(TokenErrors.UnknownScope));
        }
        if (expiresIn < 1)
        {
            errors.Add(TokenErrors.ExpiresInTooShort(expiresIn.Value));
        }
        else if (expiresIn > maximum)
        {
            errors.Add(TokenErrors.ExpiresInTooLong(expiresIn.Value, maximum));
        }

        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100))
        {
            errors.Add(TokenErrors.InvalidName());
        }

        if (errors.Count > 0)
        {
            return TokenErrors.Invalid(errors);
        }

        string[] granted = scopes is null ? [.. ApiScopes.All] : [.. ApiScopes.All.Where(scopes.Contains)];
        var lifetime = expiresIn ?? maximum;
        var id = Guid.NewGuid();
        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        var claims = new Dictionary<string, object>
        {
            [ApiKeyAuthenticationHandler.TenantClaim] = tenant.Value.ToString(),
            [TenantClaims.KeyClaim] = keyId.ToString(),
            [ApiScopes.Claim] = granted,
            [JwtRegisteredClaimNames.Jti] = id.ToString(),
        };
        if (name is not null)
        {
            claims[JwtRegisteredClaimNames.Name] = name.Trim();
        }

        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenOptions.Issuer,
            Audience = TokenOptions.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(lifetime),
            Claims = claims,
            SigningCredentials = keys.Signing,
        });
        return new IssuedToken(token, id, lifetime, granted);
    }
}
