namespace Campaigns.Domain.Replies;

/// <summary>What a reply asks of the suppression list, read by <see cref="OptOutKeywords.Read"/>.</summary>
public enum OptOutIntent
{
    /// <summary>Nothing: an ordinary reply (the default).</summary>
    None,

    /// <summary>An opt-out keyword: suppress the number and skip its unsent messages.</summary>
    Stop,

    /// <summary>A re-subscribe keyword: lift an opt-out (never a suppression added by hand).</summary>
    Start,
}
