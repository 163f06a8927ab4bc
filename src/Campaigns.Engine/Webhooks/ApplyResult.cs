namespace Campaigns.Engine.Webhooks;

/// <summary>What applying one <see cref="InboxEvent"/> came to.</summary>
internal enum ApplyResult
{
    /// <summary>Applied, or found already applied (the same event twice changes nothing): done.</summary>
    Applied,

    /// <summary>Nothing to do, now or later (an echo of our own message, a status that is no step forward): done.</summary>
    Ignored,

    /// <summary>
    /// Not applicable yet (an update whose message has not recorded its id): the processor tries it again later, and
    /// drops it as <c>unmatched</c>, counted, once it is older than <c>Webhooks:UnmatchedAfter</c>.
    /// </summary>
    Retry,
}
