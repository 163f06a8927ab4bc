namespace Campaigns.Sandbox.Instances;

/// <summary><c>{"instance":{"instanceName","state"}}</c>: <c>/instance/connectionState</c>, and <c>/instance/connect</c> when open.</summary>
internal sealed record ConnectionStateResponse(ConnectionStateResponse.Body Instance)
{
    public sealed record Body(string InstanceName, string State);
}
