using Campaigns.Domain.Senders;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// The answer of <see cref="MessageStatusWriter.WriteAsync"/>: an outcome per receipt id, and the senders one of whose
/// messages failed now for the reach-out timelock (the caller restricts them in the same transaction).
/// </summary>
internal sealed record StatusWrite(IReadOnlyDictionary<long, ReceiptOutcome> Outcomes, IReadOnlyList<SenderId> Timelocked);
