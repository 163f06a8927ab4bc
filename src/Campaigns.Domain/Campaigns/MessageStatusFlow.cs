namespace Campaigns.Domain.Campaigns;

/// <summary>
/// The one home of the moves between <see cref="MessageStatus"/> values. Forward only:
/// <c>pending → queued | skipped | cancelled</c>; <c>queued → sending | skipped | cancelled</c> (skipped: suppressed or
/// found not on WhatsApp since preparing); <c>sending → sent | failed | unknown</c>, and <c>sending → queued</c> only when
/// reconciliation proves the gateway does not have it; <c>sent → delivered | read | failed</c>; <c>delivered → read</c>.
/// <c>failed</c> is terminal except for <c>delivered</c>/<c>read</c>, which prove delivery (webhooks can arrive out of
/// order); <c>unknown</c> leaves for <c>sent</c> or <c>queued</c> by reconciliation, or for <c>delivered</c>/<c>read</c>
/// on the same proof; <c>read</c>, <c>skipped</c> and <c>cancelled</c> are terminal. A status never moves to itself:
/// the caller treats a repeated update as already applied.
/// </summary>
public static class MessageStatusFlow
{
    /// <summary>Whether a message may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(MessageStatus from, MessageStatus to) => (from, to) switch
    {
        (MessageStatus.Pending, MessageStatus.Queued or MessageStatus.Skipped or MessageStatus.Cancelled) => true,
        (MessageStatus.Queued, MessageStatus.Sending or MessageStatus.Skipped or MessageStatus.Cancelled) => true,
        (MessageStatus.Sending, MessageStatus.Sent or MessageStatus.Failed or MessageStatus.Unknown or MessageStatus.Queued) => true,
        (MessageStatus.Sent, MessageStatus.Delivered or MessageStatus.Read or MessageStatus.Failed) => true,
        (MessageStatus.Delivered, MessageStatus.Read) => true,
        (MessageStatus.Failed, MessageStatus.Delivered or MessageStatus.Read) => true,
        (MessageStatus.Unknown, MessageStatus.Sent or MessageStatus.Queued or MessageStatus.Delivered or MessageStatus.Read) => true,
        _ => false,
    };

    /// <summary>
    /// Every status a message may reach <paramref name="to"/> from, for a guarded update
    /// (<c>… where status = any(@from)</c>) that applies the move only where it is allowed.
    /// </summary>
    public static IReadOnlyList<MessageStatus> Sources(MessageStatus to) =>
        Enum.GetValues<MessageStatus>().Where(from => CanMove(from, to)).ToArray();
}
