namespace Campaigns.Engine.Gateway.Contract;

/// <summary>The nested <c>instance</c> object of a v1 <c>/instance/fetchInstances</c> entry.</summary>
/// <param name="Apikey">The instance token (v1 name).</param>
internal sealed record FetchedInstanceV1(
    string? InstanceName = null,
    string? InstanceId = null,
    string? Owner = null,
    string? ProfileName = null,
    InstanceConnectionState Status = InstanceConnectionState.Unknown,
    string? Apikey = null)
{
    public override string ToString() => $"FetchedInstanceV1 {{ InstanceName = {InstanceName}, Status = {Status} }}";
}
