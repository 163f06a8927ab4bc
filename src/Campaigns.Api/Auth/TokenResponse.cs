namespace Campaigns.Api.Auth;

/// <summary>A bearer token, to send as <c>Authorization: Bearer {token}</c> until it expires or its API key is revoked.</summary>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds from now until it expires.</param>
/// <param name="Scopes">What it may do.</param>
public sealed record TokenResponse(string Token, string TokenType, int ExpiresIn, IReadOnlyList<string> Scopes);
