namespace Campaigns.Engine.Senders;

/// <summary>Whether a sender may send: only <see cref="Open"/> does. Stored as lower-case text.</summary>
internal enum SenderState
{
    /// <summary>Not known yet, or the gateway answered something we do not understand.</summary>
    Unknown,

    /// <summary>Linked and connected: the only state in which it sends.</summary>
    Open,

    /// <summary>Linking or reconnecting: waiting for a QR scan or the phone.</summary>
    Connecting,

    /// <summary>Disconnected (logged out, phone offline, banned): paused.</summary>
    Close,

    /// <summary>The gateway refuses the stored instance key and no master key could repair it: paused.</summary>
    Unauthorized,

    /// <summary>The gateway could not be reached: paused until a check succeeds.</summary>
    Unreachable,
}
