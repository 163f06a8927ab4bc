namespace Campaigns.Api.Auth;

/// <summary>A token just made: the signed JWT, its id (<c>jti</c>), its life in seconds and its scopes.</summary>
internal sealed record IssuedToken(string Token, Guid Id, int ExpiresIn, IReadOnlyList<string> Scopes);
