namespace Campaigns.Api.Auth;

/// <summary>A new API key, with the key itself: this answer is the only time it is shown (only its hash is stored).</summary>
/// <param name="Key">The key, for the <c>apikey</c> header.</param>
/// <param name="Prefix">Its first characters, as the listing shows them.</param>
internal sealed record CreatedApiKeyResponse(Guid Id, string Name, string Prefix, string Key, DateTimeOffset CreatedAt);
