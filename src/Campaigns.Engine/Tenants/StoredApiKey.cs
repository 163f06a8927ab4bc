using NodaTime;

namespace Campaigns.Engine.Tenants;

/// <summary>An API key as its tenant sees it: never the key itself, only its first characters (<see cref="Prefix"/>).</summary>
/// <param name="LastUsedAt">When the key (or a token made from it) was last used, to the minute (<see cref="ApiKeyUseThrottle"/>); null: never.</param>
/// <param name="RevokedAt">Null while the key is active.</param>
internal sealed record StoredApiKey(Guid Id, string Name, string Prefix, Instant CreatedAt, Instant? LastUsedAt, Instant? RevokedAt);
