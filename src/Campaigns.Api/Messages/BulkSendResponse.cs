using Campaigns.Domain.Campaigns;
using Campaigns.Engine.BulkSends;

namespace Campaigns.Api.Messages;

/// <summary>
/// A bulk send accepted: its campaign (follow it at <c>/api/campaigns/{campaignId}</c>: it is prepared, then started, or
/// scheduled at its start), what became of the recipients, and the first 100 recipients not sent to.
/// </summary>
internal sealed record BulkSendResponse(
    Guid CampaignId,
    CampaignStatus Status,
    BulkRecipientCountsResponse Recipients,
    IReadOnlyList<BulkRecipientErrorResponse> Errors)
{
    public static BulkSendResponse From(BulkSendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var list = outcome.List;
        return new(
            outcome.Campaign.Id.Value,
            outcome.Campaign.Status,
            list is null
                ? new BulkRecipientCountsResponse(outcome.Campaign.Progress.Total, 0, 0, 0) // the list was deleted once the campaign ended
                : new BulkRecipientCountsResponse(list.Imported, list.Invalid, list.Duplicates, list.Suppressed),
            outcome.Errors.Select(e => new BulkRecipientErrorResponse(e.Line, $"recipients[{e.Line}].number", e.Reason)).ToArray());
    }
}
