using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>One recipient's message.</summary>
/// <param name="CampaignId">The campaign it belongs to.</param>
/// <param name="Line">The contact's line in the imported file.</param>
/// <param name="Body">The text as it is sent; null when skipped at preparing.</param>
/// <param name="BodyHash">SHA-256 of the normalised text, in hex: what the variation rule counts.</param>
/// <param name="SkipCode">Why it was skipped, as a code (<c>recipient.suppressed</c>, <c>not_on_whatsapp</c>, <c>opted_out</c>…).</param>
/// <param name="SkipReason">The same in words.</param>
/// <param name="SenderId">The sender it was given when its campaign started.</param>
/// <param name="GatewayMessageId">WhatsApp's id of the send (what the gateway's webhooks name it by).</param>
/// <param name="SentAt">When the gateway answered the send.</param>
/// <param name="DeliveredAt">When its delivery receipt arrived.</param>
/// <param name="ReadAt">When its read (or played) receipt arrived.</param>
/// <param name="FailedAt">When the gateway reported that it failed after accepting it.</param>
/// <param name="RepliedAt">When the recipient first replied to it.</param>
/// <param name="ReceiptMissingAt">
/// When it was flagged for having no delivery receipt long after it was sent (a wrong jid leaves a message pending
/// forever); null otherwise. The flag goes when a later receipt, or the gateway's own record, shows it delivered.
/// </param>
/// <param name="Error">Why it failed or is unknown; null otherwise.</param>
internal sealed record MessageResponse(
    string Phone,
    Guid CampaignId,
    int Line,
    MessageStatus Status,
    string? Body,
    string? BodyHash,
    string? SkipCode,
    string? SkipReason,
    Guid? SenderId,
    string? GatewayMessageId,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? FailedAt,
    DateTimeOffset? RepliedAt,
    DateTimeOffset? ReceiptMissingAt,
    MessageErrorResponse? Error)
{
    public static MessageResponse From(CampaignMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(
            message.Phone, message.CampaignId.Value, message.Line, message.Status, message.Body,
            message.BodyHash is null ? null : Convert.ToHexStringLower(message.BodyHash), message.SkipCode, message.SkipReason,
            message.SenderId, message.GatewayMessageId, message.SentAt?.ToDateTimeOffset(), message.DeliveredAt?.ToDateTimeOffset(),
            message.ReadAt?.ToDateTimeOffset(), message.FailedAt?.ToDateTimeOffset(), message.RepliedAt?.ToDateTimeOffset(),
            message.ReceiptMissingAt?.ToDateTimeOffset(),
            message.ErrorCode is { } code ? new MessageErrorResponse(code, message.Error) : null);
    }
}
