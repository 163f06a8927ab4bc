namespace Campaigns.Domain.Campaigns;

/// <summary>
/// Where one recipient's message is: <c>pending → skipped | queued → sending → sent → delivered → read</c>;
/// <c>failed</c> is terminal, <c>cancelled</c> when its campaign is, and <c>unknown</c> when a send's outcome could not
/// be established (a person decides: a duplicated marketing message is worse than a missing one).
/// </summary>
public enum MessageStatus
{
    /// <summary>Rendered and stored by preparing; waiting to be sent. <c>default</c>.</summary>
    Pending,

    /// <summary>Never to be sent, with the reason: the render failed or came out empty, the number is suppressed or not on WhatsApp.</summary>
    Skipped,

    /// <summary>Waiting for its sender's next slot.</summary>
    Queued,

    /// <summary>Handed to the gateway; its answer is awaited.</summary>
    Sending,

    /// <summary>Accepted by WhatsApp.</summary>
    Sent,

    /// <summary>Delivered to the recipient's phone.</summary>
    Delivered,

    /// <summary>Read by the recipient.</summary>
    Read,

    /// <summary>The gateway or WhatsApp refused it. Terminal.</summary>
    Failed,

    /// <summary>Its campaign was cancelled before it was sent.</summary>
    Cancelled,

    /// <summary>Its send was interrupted and could not be reconciled; a person decides.</summary>
    Unknown,
}
