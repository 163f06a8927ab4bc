namespace Campaigns.Engine.Gateway.Contract;

/// <summary>The <c>instance</c> object of <c>/instance/create</c>'s answer.</summary>
/// <param name="InstanceId">A lower-case UUID: the <c>instanceId</c> seen in webhooks.</param>
/// <param name="Status">Usually <c>connecting</c> (v1 said <c>created</c>, which reads as Unknown).</param>
internal sealed record CreatedInstance(
    string InstanceName,
    string? InstanceId = null,
    string? Integration = null,
    InstanceConnectionState Status = InstanceConnectionState.Unknown);
