namespace Campaigns.Sandbox.Control;

/// <summary>The instances <c>POST /sandbox/instances</c> made, in order.</summary>
internal sealed record OpenInstancesResponse(IReadOnlyList<OpenInstancesResponse.Item> Instances)
{
    public sealed record Item(string Name, string Token, string Number, string InstanceId, string TimeZone);
}
