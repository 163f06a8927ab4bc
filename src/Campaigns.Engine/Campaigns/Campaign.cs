using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Contacts;
using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Templates;
using Campaigns.Domain.Tenants;
using NodaTime;

namespace Campaigns.Engine.Campaigns;

/// <summary>A stored campaign: what it sends to whom, when, and how far its last prepare got.</summary>
internal sealed record Campaign
{
    public required CampaignId Id { get; init; }

    public required TenantId Tenant { get; init; }

    public required string Name { get; init; }

    /// <summary>The list it sends to; null once that list was deleted.</summary>
    public required ContactListId? ContactList { get; init; }

    /// <summary>A text message's template; null for a media message, whose text is its caption.</summary>
    public required string? Template { get; init; }

    /// <summary>The media as checked and trimmed; null for a text message.</summary>
    public required MediaDraft? Media { get; init; }

    /// <summary>Its senders in their order (<c>campaign_senders.position</c>).</summary>
    public required IReadOnlyList<SenderId> Senders { get; init; }

    public required SendWindow SendWindow { get; init; }

    /// <summary>When sending may begin; null: as soon as it is started.</summary>
    public required Instant? StartAt { get; init; }

    /// <summary>The most recipients one body may go to.</summary>
    public required int MaxIdentical { get; init; }

    public required CampaignStatus Status { get; init; }

    /// <summary>The last prepare's progress; (0, 0) before the first.</summary>
    public CampaignProgress Progress { get; init; } = new(0, 0);

    /// <summary>The variation summary of the last prepare that ran to the end; null before one did.</summary>
    public PrepareResult? PrepareResult { get; init; }

    /// <summary>Why the last prepare sent the campaign back to draft; null when it did not (or after the draft changed).</summary>
    public PrepareError? PrepareError { get; init; }

    public required Instant CreatedAt { get; init; }

    public required Instant UpdatedAt { get; init; }

    /// <summary>When it first became running; null before.</summary>
    public Instant? StartedAt { get; init; }

    /// <summary>When it became completed or cancelled; null before.</summary>
    public Instant? CompletedAt { get; init; }

    /// <summary>Whether a reply from a number skips this campaign's unsent message to it (<c>replied</c>); default false.</summary>
    public bool StopOnReply { get; init; }

    /// <summary>Who made it, as stored: <c>bulk</c> for a bulk send (<c>POST /api/messages/bulk</c>); null for a campaign made as one.</summary>
    public string? Origin { get; init; }

    /// <summary>A bulk caller's <c>delay</c>: at least this long between two of its sends from one sender (<c>min_gap_ms</c>); null: none.</summary>
    public Duration? Delay { get; init; }
}
