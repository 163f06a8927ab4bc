using Campaigns.Domain.Campaigns;
using NodaTime;

namespace Campaigns.Engine.Campaigns;

/// <summary>One recipient's message of a campaign.</summary>
/// <param name="Line">The contact's line in the imported file.</param>
/// <param name="Body">The text as it is sent; null when skipped at preparing.</param>
/// <param name="BodyHash">SHA-256 of the normalised body, what the variation rule counts; null when skipped.</param>
/// <param name="SkipCode">Why it is skipped, as a code (<c>render.empty</c>, <c>recipient.suppressed</c>…).</param>
/// <param name="SenderId">The sender it was given when its campaign started; null before.</param>
/// <param name="GatewayMessageId">WhatsApp's id of the send, once the gateway answered it.</param>
/// <param name="SentAt">When the gateway answered the send.</param>
/// <param name="ErrorCode">Why it failed (or why it is unknown), as a code; null otherwise.</param>
/// <param name="Error">The same in words.</param>
/// <param name="CampaignId">The campaign it belongs to (default when read for one campaign's listing by an older caller).</param>
/// <param name="DeliveredAt">When its delivery receipt arrived (set by a read receipt too when none came first).</param>
/// <param name="ReadAt">When its read (or played) receipt arrived.</param>
/// <param name="FailedAt">When the gateway reported it failed after accepting it.</param>
/// <param name="RepliedAt">When the recipient first replied to it.</param>
internal sealed record CampaignMessage(
    string Phone,
    int Line,
    MessageStatus Status,
    string? Body,
    byte[]? BodyHash,
    string? SkipCode,
    string? SkipReason,
    Guid? SenderId = null,
    string? GatewayMessageId = null,
    Instant? SentAt = null,
    string? ErrorCode = null,
    string? Error = null,
    CampaignId CampaignId = default,
    Instant? DeliveredAt = null,
    Instant? ReadAt = null,
    Instant? FailedAt = null,
    Instant? RepliedAt = null,
    Instant? ReceiptMissingAt = null);
