namespace Campaigns.Engine.Senders;

/// <summary>What storing a new sender came to: one number and one instance are one live sender, across tenants.</summary>
internal enum SenderInsert
{
    Inserted,

    /// <summary>Another sender (of any tenant) already drives that gateway instance.</summary>
    InstanceInUse,

    /// <summary>Another sender (of any tenant) already holds that linked number.</summary>
    NumberInUse,
}
