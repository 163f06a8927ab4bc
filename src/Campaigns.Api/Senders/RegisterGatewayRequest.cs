namespace Campaigns.Api.Senders;

/// <param name="ApiKey">The gateway's global key (Evolution's AUTHENTICATION_API_KEY); stored encrypted, never returned.</param>
internal sealed record RegisterGatewayRequest(string? Name, string? Url, string? ApiKey);
