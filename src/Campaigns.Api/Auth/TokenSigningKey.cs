namespace Campaigns.Api.Auth;

/// <summary>One key of <see cref="TokenOptions.SigningKeys"/>.</summary>
internal sealed class TokenSigningKey
{
    /// <summary>The least number of bytes a secret holds: HMAC-SHA256's own output size.</summary>
    public const int MinSecretBytes = 32;

    /// <value>The key's name, written as the <c>kid</c> of the tokens it signs: 1–64 letters, digits, <c>.</c>, <c>_</c> or <c>-</c>, unique.</value>
    public string? Id { get; set; }

    /// <value>The secret, base64, at least 32 random bytes (e.g. <c>openssl rand -base64 32</c>).</value>
    public string? Secret { get; set; }
}
