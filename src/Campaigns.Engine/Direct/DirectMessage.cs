using Campaigns.Domain.Templates;
using NodaTime;

namespace Campaigns.Engine.Direct;

/// <summary>A direct send as stored: its hidden campaign (whose id is the message's) and its one message.</summary>
/// <param name="Status">The message's status (<c>queued</c>, <c>sending</c>, <c>sent</c>, <c>delivered</c>, <c>read</c>, <c>failed</c>, <c>skipped</c>, …).</param>
/// <param name="QueuePlace">While queued: 1 + the sender's queued direct sends created before it; null otherwise.</param>
/// <param name="Reason">Why it was skipped or failed (its skip reason or the gateway's error); null otherwise.</param>
/// <param name="ErrorCode">The skip code or the error code; null otherwise.</param>
internal sealed record DirectMessage(
    Guid Id,
    string Number,
    Guid? SenderId,
    string Origin,
    string Status,
    int? QueuePlace,
    string? Reason,
    string? ErrorCode,
    string Text,
    MediaDraft? Media,
    Instant CreatedAt,
    Instant? SentAt,
    Instant? DeliveredAt,
    Instant? ReadAt,
    Instant? FailedAt,
    Instant? RepliedAt);
