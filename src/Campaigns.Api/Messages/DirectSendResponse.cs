using Campaigns.Engine.Direct;

namespace Campaigns.Api.Messages;

/// <summary>
/// A direct send taken. No estimated send time is given: when a message leaves depends on the sender's pacing, its
/// cap and the pre-check, and a guess would mislead more than it helps.
/// </summary>
/// <param name="Id">The message's id: follow it at <c>GET /api/messages/{id}</c>.</param>
/// <param name="Status">Its status now (<c>queued</c> when new; a repeated request under the same Idempotency-Key answers the current one).</param>
/// <param name="QueuePlace">While queued: its place among the sender's direct sends (1 = next; direct sends go before campaign messages).</param>
internal sealed record DirectSendResponse(Guid Id, string Status, Guid? SenderId, string Number, int? QueuePlace)
{
    public static DirectSendResponse From(DirectMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Id, message.Status, message.SenderId, message.Number, message.QueuePlace);
    }
}
