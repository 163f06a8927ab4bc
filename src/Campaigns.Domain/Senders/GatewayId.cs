namespace Campaigns.Domain.Senders;

/// <summary>Identifies a registered gateway (an Evolution server and its master key). <c>default</c> identifies none.</summary>
public readonly record struct GatewayId(Guid Value)
{
    public static GatewayId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
