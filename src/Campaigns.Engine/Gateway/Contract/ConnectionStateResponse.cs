namespace Campaigns.Engine.Gateway.Contract;

/// <summary>Answer of <c>GET /instance/connectionState/{instance}</c>: <c>{"instance":{"instanceName","state"}}</c>.</summary>
internal sealed record ConnectionStateResponse(ConnectionStateInstance Instance);
