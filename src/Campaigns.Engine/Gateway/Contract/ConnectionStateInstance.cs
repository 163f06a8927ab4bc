namespace Campaigns.Engine.Gateway.Contract;

/// <summary>The <c>instance</c> object of <c>/instance/connectionState</c>; <paramref name="State"/> may be missing.</summary>
internal sealed record ConnectionStateInstance(string InstanceName, InstanceConnectionState State = InstanceConnectionState.Unknown);
