namespace Campaigns.Engine.Tenants;

/// <summary>A key just made, with the key itself (<paramref name="Secret"/>): the only time it is ever visible.</summary>
internal sealed record CreatedApiKey(StoredApiKey Key, string Secret);
