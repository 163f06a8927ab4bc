using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>One recipient's message.</summary>
/// <param name="Line">The contact's line in the imported file.</param>
/// <param name="Body">The text as it is sent; null when skipped at preparing.</param>
/// <param name="BodyHash">SHA-256 of the normalised text, in hex: what the variation rule counts.</param>
/// <param name="SenderId">The sender it was given when its campaign started.</param>
/// <param name="GatewayMessageId">WhatsApp's id of the send (what the gateway's webhooks name it by).</param>
/// <param name="SentAt">When the gateway answered the send.</param>
/// <param name="ErrorCode">Why it failed or is unknown, as a code (e.g. <c>gateway.not_on_whatsapp</c>).</param>
/// <param name="Error">The same in words.</param>
internal sealed record MessageResponse(
    string Phone,
    int Line,
    MessageStatus Status,
    string? Body,
    string? BodyHash,
    string? SkipCode,
    string? SkipReason,
    Guid? SenderId,
    string? GatewayMessageId,
    DateTimeOffset? SentAt,
    string? ErrorCode,
    string? Error)
{
    public static MessageResponse From(CampaignMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(
            message.Phone, message.Line, message.Status, message.Body,
            message.BodyHash is null ? null : Convert.ToHexStringLower(message.BodyHash), message.SkipCode, message.SkipReason,
            message.SenderId, message.GatewayMessageId, message.SentAt?.ToDateTimeOffset(), message.ErrorCode, message.Error);
    }
}
