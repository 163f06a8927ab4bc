using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>A campaign.</summary>
/// <param name="ContactListId">Null once the list was deleted.</param>
/// <param name="Template">A text message's template; null for a media message.</param>
/// <param name="StartAt">When sending may begin (UTC); null: when started.</param>
/// <param name="Progress">The last prepare's progress; watch it while the status is <c>preparing</c>.</param>
/// <param name="PrepareResult">The statistics of the last prepare that planned the whole list.</param>
/// <param name="PrepareError">Why the last prepare sent the campaign back to draft; cleared when the draft changes.</param>
/// <param name="StartedAt">When it first became running; null before.</param>
/// <param name="CompletedAt">When it was completed or cancelled; null before.</param>
internal sealed record CampaignResponse(
    Guid Id,
    string Name,
    CampaignStatus Status,
    Guid? ContactListId,
    string? Template,
    MediaResponse? Media,
    IReadOnlyList<Guid> SenderIds,
    SendWindowResponse SendWindow,
    DateTimeOffset? StartAt,
    int MaxIdentical,
    ProgressResponse Progress,
    PrepareResultResponse? PrepareResult,
    PrepareErrorResponse? PrepareError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt)
{
    public static CampaignResponse From(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return new(
            campaign.Id.Value,
            campaign.Name,
            campaign.Status,
            campaign.ContactList?.Value,
            campaign.Template,
            campaign.Media is null ? null : MediaResponse.From(campaign.Media),
            campaign.Senders.Select(s => s.Value).ToArray(),
            SendWindowResponse.From(campaign.SendWindow),
            campaign.StartAt?.ToDateTimeOffset(),
            campaign.MaxIdentical,
            new ProgressResponse(campaign.Progress.Total, campaign.Progress.Rendered),
            campaign.PrepareResult is null ? null : PrepareResultResponse.From(campaign.PrepareResult),
            campaign.PrepareError is null ? null : PrepareErrorResponse.From(campaign.PrepareError),
            campaign.CreatedAt.ToDateTimeOffset(),
            campaign.UpdatedAt.ToDateTimeOffset(),
            campaign.StartedAt?.ToDateTimeOffset(),
            campaign.CompletedAt?.ToDateTimeOffset());
    }
}
