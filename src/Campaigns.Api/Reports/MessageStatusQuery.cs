using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;

namespace Campaigns.Api.Reports;

/// <summary>The <c>status</c> filter of the message listings: absent or empty is every status.</summary>
internal static class MessageStatusQuery
{
    public static Result<MessageStatus?> Parse(string? status)
    {
        if (string.IsNullOrEmpty(status))
        {
            return (MessageStatus?)null;
        }

        return StatusText.TryParse(status, out MessageStatus parsed) ? parsed : CampaignErrors.UnknownMessageStatus(status);
    }
}
