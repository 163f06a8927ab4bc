using Campaigns.Domain.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>A campaign's messages counted per status; a status with no message counts 0.</summary>
/// <param name="Replied">Messages whose recipient replied, whatever their status (also counted in theirs).</param>
internal sealed record MessageCountsResponse(
    int Pending, int Skipped, int Queued, int Sending, int Sent, int Delivered, int Read, int Failed, int Cancelled, int Unknown, int Replied)
{
    public static MessageCountsResponse From(IReadOnlyDictionary<MessageStatus, int> counts, int replied)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int Of(MessageStatus status) => counts.TryGetValue(status, out var count) ? count : 0;
        return new(
            Of(MessageStatus.Pending), Of(MessageStatus.Skipped), Of(MessageStatus.Queued), Of(MessageStatus.Sending),
            Of(MessageStatus.Sent), Of(MessageStatus.Delivered), Of(MessageStatus.Read), Of(MessageStatus.Failed),
            Of(MessageStatus.Cancelled), Of(MessageStatus.Unknown), replied);
    }
}
