namespace Campaigns.Domain.Senders;

/// <summary>Identifies a sender (one WhatsApp number behind one gateway instance). <c>default</c> identifies none.</summary>
public readonly record struct SenderId(Guid Value)
{
    public static SenderId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
