using NodaTime;

namespace Campaigns.Engine.Senders;

/// <summary>Why a sender is paused (<c>senders.paused_reason</c>, e.g. <c>paused by its user</c> or dispatch's reason) and since when.</summary>
internal sealed record SenderPause(string Reason, Instant At);
