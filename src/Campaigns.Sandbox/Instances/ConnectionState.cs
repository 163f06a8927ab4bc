namespace Campaigns.Sandbox.Instances;

/// <summary>The connection states of Baileys (<c>WAConnectionState</c>) as the wire spells them.</summary>
internal static class ConnectionState
{
    public const string Open = "open";
    public const string Connecting = "connecting";
    public const string Close = "close";
}
