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
/// <param name="StopOnReply">Whether a reply from a number skips this campaign's unsent message to it.</param>
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
    DateTimeOffset? CompletedAt,
    bool StopOnReply)
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
            campaign.CompletedAt?.ToDateTimeOffset(),
            campaign.StopOnReply)
        {
            Origin = campaign.Origin,
            Delay = campaign.Delay is { } delay ? (int)delay.TotalSeconds : null,
        };
    }

    /// <summary><c>bulk</c> for a campaign made by a bulk send (<c>POST /api/messages/bulk</c>); null for one made as a campaign.</summary>
    public string? Origin { get; init; }

    /// <summary>A bulk send's <c>delay</c>: at least this many seconds between two of its sends from one sender; null: none.</summary>
    public int? Delay { get; init; }

    // Counts, senders, the estimate and the pre-check are read for one campaign (GET by id) only; listings leave them out (null).

    /// <summary>The campaign's messages counted per status; only when the campaign is read by its id.</summary>
    public MessageCountsResponse? Counts { get; init; }

    /// <summary>Its senders now, in the campaign's order; only when the campaign is read by its id.</summary>
    public IReadOnlyList<CampaignSenderResponse>? Senders { get; init; }

    /// <summary>
    /// When sending is projected to finish, from what is left per sender, their remaining caps and mean gaps, and the
    /// window's closed hours when it has a fixed zone; null when nothing is left to send, nobody can send it, or the
    /// campaign was not read by its id.
    /// </summary>
    public DateTimeOffset? EstimatedFinishAt { get; init; }

    /// <summary>The pre-check of its recipients' numbers; only when the campaign is read by its id.</summary>
    public PrecheckProgressResponse? Precheck { get; init; }

    /// <summary>
    /// Its newest events first (failover, waiting for a sender, …; at most 20); only when the campaign is read by its id.
    /// </summary>
    public IReadOnlyList<CampaignEventResponse>? Events { get; init; }

    /// <summary>
    /// <c>no_usable_sender</c> while it is running with messages left and none of its senders can send them (paused, not
    /// open, or under a reach-out timelock: those still send to recipients they have talked with); null otherwise.
    /// </summary>
    public string? Waiting { get; init; }

    /// <summary>This answer with the campaign's events and whether it waits for a sender.</summary>
    public CampaignResponse With(IReadOnlyList<CampaignEvent> events, string? waiting)
    {
        ArgumentNullException.ThrowIfNull(events);
        return this with { Events = events.Select(CampaignEventResponse.From).ToArray(), Waiting = waiting };
    }

    /// <summary>This answer with the campaign's sending progress.</summary>
    public CampaignResponse With(CampaignDispatchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return this with
        {
            Counts = MessageCountsResponse.From(progress.Counts, progress.Replied),
            Senders = progress.Senders.Select(CampaignSenderResponse.From).ToArray(),
            EstimatedFinishAt = progress.EstimatedFinishAt?.ToDateTimeOffset(),
            Precheck = new PrecheckProgressResponse(progress.Precheck.Unchecked, progress.Precheck.NotOnWhatsApp),
        };
    }
}
