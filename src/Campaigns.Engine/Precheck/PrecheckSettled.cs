namespace Campaigns.Engine.Precheck;

/// <summary>
/// What one pre-check statement did: messages that got their jid (<see cref="OnWhatsApp"/>) and messages skipped as not
/// on WhatsApp, and the senders and campaigns they belong to (to wake the senders and complete the campaigns).
/// </summary>
internal sealed record PrecheckSettled(int OnWhatsApp, int NotOnWhatsApp, IReadOnlyList<Guid> Senders, IReadOnlyList<Guid> Campaigns)
{
    public static PrecheckSettled None { get; } = new(0, 0, [], []);
}
