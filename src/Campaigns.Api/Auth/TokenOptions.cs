using System.ComponentModel.DataAnnotations;

namespace Campaigns.Api.Auth;

/// <summary>
/// Settings of section <c>Tokens</c>: the bearer tokens made by <c>POST /api/auth/token</c>. Without a signing key
/// there are no tokens (issuance answers 503 <c>auth.tokens_disabled</c>, a bearer token is refused); API keys work as ever.
/// Checked at start by <see cref="TokenOptionsValidator"/>.
/// </summary>
internal sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    /// <summary>The <c>iss</c> of every token, checked on every request.</summary>
    public const string Issuer = "campaigns";

    /// <summary>The <c>aud</c> of every token, checked on every request.</summary>
    public const string Audience = "campaigns-api";

    /// <summary>
    /// How far the clocks of the API processes may disagree when a token's expiry is checked. Every token is made and
    /// checked by this product's own processes, so a short one.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <value>How long a token lives when its caller asks for no <c>expiresIn</c>, and the longest a caller may ask for.
    /// Default 30 days; 1 minute to 365 days.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// <value>The keys that sign and verify tokens (HMAC-SHA256). The FIRST signs new tokens (its id is their <c>kid</c>);
    /// every one listed verifies. To rotate: put a new key first and keep the old one listed until its tokens have
    /// expired (<see cref="Lifetime"/>), then remove it: its tokens are refused from then on. Default: none (no tokens).
    /// Environment: <c>Tokens__SigningKeys__0__Id</c>, <c>Tokens__SigningKeys__0__Secret</c>, …</value>
    /// </summary>
    public IList<TokenSigningKey> SigningKeys { get; } = [];
}
