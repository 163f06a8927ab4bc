using Campaigns.Api.Campaigns;
using Campaigns.Engine.Direct;

namespace Campaigns.Api.Messages;

/// <summary>A direct send as it stands.</summary>
/// <param name="Origin"><c>api</c> (a caller's send), <c>opt_out</c> or <c>resubscribe</c> (the tenant's confirmation to a recipient's reply).</param>
/// <param name="Status"><c>queued</c>, <c>sending</c>, <c>sent</c>, <c>delivered</c>, <c>read</c>, or <c>skipped</c> / <c>failed</c> with the reason.</param>
/// <param name="Reason">Why it was skipped or failed.</param>
/// <param name="ErrorCode">The skip code (e.g. <c>not_on_whatsapp</c>, <c>opted_out</c>) or the gateway's error code.</param>
/// <param name="QueuePlace">While queued: its place among the sender's direct sends (1 = next).</param>
/// <param name="Text">The text, or the media's caption.</param>
internal sealed record DirectMessageResponse(
    Guid Id,
    string Number,
    Guid? SenderId,
    string Origin,
    string Status,
    string? Reason,
    string? ErrorCode,
    int? QueuePlace,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? FailedAt,
    DateTimeOffset? RepliedAt,
    string Text,
    MediaResponse? Media)
{
    public static DirectMessageResponse From(DirectMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(
            message.Id, message.Number, message.SenderId, message.Origin, message.Status, message.Reason, message.ErrorCode, message.QueuePlace,
            message.CreatedAt.ToDateTimeOffset(), message.SentAt?.ToDateTimeOffset(), message.DeliveredAt?.ToDateTimeOffset(),
            message.ReadAt?.ToDateTimeOffset(), message.FailedAt?.ToDateTimeOffset(), message.RepliedAt?.ToDateTimeOffset(), message.Text,
            message.Media is null ? null : MediaResponse.From(message.Media));
    }
}
