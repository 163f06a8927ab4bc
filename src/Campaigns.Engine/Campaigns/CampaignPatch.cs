using Campaigns.Domain.Common;
using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// A change to a stored draft, as a JSON Merge Patch gives it: an absent field keeps the stored (typed) value, a given
/// one — null included — is read and checked as at create (<see cref="CampaignDraft"/> says what null means for each).
/// </summary>
internal sealed record CampaignPatch
{
    /// <summary>No change: the stored campaign checked again as it is (before preparing it).</summary>
    public static readonly CampaignPatch None = new();

    public Optional<string?> Name { get; init; }

    public Optional<Guid?> ContactListId { get; init; }

    public Optional<string?> Template { get; init; }

    public Optional<MediaDraft?> Media { get; init; }

    public Optional<IReadOnlyList<Guid>?> SenderIds { get; init; }

    public Optional<SendWindowDraft?> SendWindow { get; init; }

    public Optional<string?> StartAt { get; init; }

    public Optional<int?> MaxIdentical { get; init; }

    public Optional<bool?> StopOnReply { get; init; }
}
