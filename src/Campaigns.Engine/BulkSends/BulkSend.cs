using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.BulkSends;

/// <summary>A bulk send as the request writes it, not yet checked: a campaign whose contact list is <see cref="Recipients"/>.</summary>
/// <param name="Name">The campaign's (and its list's) name; default <c>Bulk send</c> and the time.</param>
/// <param name="SenderIds">The senders to send from; null or empty: every sender of the tenant.</param>
/// <param name="Text">A literal message (or a media caption), sent as written: braces, bars and <c>{{</c> are not template syntax.</param>
/// <param name="Template">A template over the recipients' fields (Scriban and spintax), as a campaign's.</param>
/// <param name="Delay">At least this many seconds between two of its sends from one sender (1–3,600); null: the senders' pacing alone.</param>
/// <param name="DefaultRegion">For numbers written without a country code; the caller's default when null.</param>
/// <param name="IdempotencyKey">The same key answers the campaign it made first; null: none.</param>
internal sealed record BulkSend(
    string? Name,
    IReadOnlyList<Guid>? SenderIds,
    IReadOnlyList<BulkRecipient?>? Recipients,
    string? Text,
    string? Template,
    MediaDraft? Media,
    SendWindowDraft? SendWindow,
    string? StartAt,
    bool? StopOnReply,
    int? Delay,
    string DefaultRegion,
    string? IdempotencyKey);
