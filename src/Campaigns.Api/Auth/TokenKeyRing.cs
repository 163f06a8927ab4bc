using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Campaigns.Api.Auth;

/// <summary>
/// The configured <see cref="TokenOptions.SigningKeys"/> as keys: the first signs, all verify. Empty when none is
/// configured, and then tokens are disabled.
/// </summary>
internal sealed class TokenKeyRing
{
    private readonly SymmetricSecurityKey[] _keys;

    public TokenKeyRing(IOptions<TokenOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // TokenOptionsValidator has checked every secret at start.
        _keys = [.. options.Value.SigningKeys.Select(key => new SymmetricSecurityKey(TokenOptionsValidator.DecodeSecret(key.Secret)) { KeyId = key.Id })];
    }

    /// <summary>Whether tokens can be made and accepted: at least one key is configured.</summary>
    public bool IsEnabled => _keys.Length > 0;

    /// <summary>The credentials new tokens are signed with: the first key. Only when <see cref="IsEnabled"/>.</summary>
    public SigningCredentials Signing => IsEnabled
        ? new SigningCredentials(_keys[0], SecurityAlgorithms.HmacSha256)
        : throw new InvalidOperationException("No token signing key is configured.");

    /// <summary>Every key a token may be signed with.</summary>
    public IReadOnlyList<SecurityKey> VerificationKeys => _keys;
}
