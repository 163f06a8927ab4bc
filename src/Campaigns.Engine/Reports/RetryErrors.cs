using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;

namespace Campaigns.Engine.Reports;

/// <summary>Why "retry failed" refuses.</summary>
internal static class RetryErrors
{
    public static Error NotEnded(CampaignId id, string status) => new(
        "campaign.not_ended",
        $"Campaign {id} is {status}: its recipients not reached can be retried once it is completed or cancelled.",
        Kind: ErrorKind.Conflict)
    {
        Details = new Dictionary<string, object?> { ["campaignStatus"] = status },
    };

    public static Error NothingToRetry(CampaignId id) => new(
        "campaign.nothing_to_retry",
        $"Campaign {id} reached every recipient it may message: nobody is left to retry.",
        Kind: ErrorKind.Conflict);
}
