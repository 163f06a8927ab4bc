using Microsoft.IdentityModel.Tokens;

namespace Campaigns.Api.Auth;

/// <summary>
/// A token's <c>nbf</c> and <c>exp</c> judged by the bearer scheme's <see cref="TimeProvider"/> (IdentityModel reads the
/// system clock), so that expiry is tested in virtual time. An expired token fails as
/// <see cref="SecurityTokenExpiredException"/>, which the challenge answers <c>auth.token_expired</c>.
/// </summary>
internal static class TokenLifetime
{
    public static LifetimeValidator Validator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return (notBefore, expires, _, parameters) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (expires is not { } expiry)
            {
                throw new SecurityTokenNoExpirationException("The token has no expiry.");
            }

            if (notBefore is { } start && start > now + parameters.ClockSkew)
            {
                throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = start };
            }

            if (expiry < now - parameters.ClockSkew)
            {
                throw new SecurityTokenExpiredException("The token has expired.") { Expires = expiry };
            }

            return true;
        };
    }
}
