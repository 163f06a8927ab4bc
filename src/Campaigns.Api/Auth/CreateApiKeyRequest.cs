namespace Campaigns.Api.Auth;

/// <param name="Name">What the key is for, e.g. "Shop backend": 1 to 100 characters.</param>
internal sealed record CreateApiKeyRequest(string? Name);
