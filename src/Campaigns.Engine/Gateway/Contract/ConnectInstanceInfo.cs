namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// The <c>instance</c> object of <c>/instance/connect</c>: <c>state</c> when already open (the connectionState shape),
/// <c>status</c> in the gateway's fallback branch.
/// </summary>
internal sealed record ConnectInstanceInfo(
    string? InstanceName = null,
    InstanceConnectionState State = InstanceConnectionState.Unknown,
    InstanceConnectionState Status = InstanceConnectionState.Unknown);
