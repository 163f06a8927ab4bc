using NodaTime;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// A finished send waiting for the completion batch: its claim, its outcome, when it left (an upper bound, on the
/// database's clock) and the number's next send time drawn from that.
/// </summary>
internal sealed record SendCompletion(ClaimedSend Send, SendOutcome Outcome, Instant LeftAt, Instant Next);
