namespace Campaigns.Domain.Contacts;

/// <summary>Identifies a contact list. <c>default</c> (an empty Guid) identifies no list.</summary>
public readonly record struct ContactListId(Guid Value)
{
    public static ContactListId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
