using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Campaigns;

/// <summary>A campaign as a request writes it, not yet checked: <see cref="CampaignValidator"/> names everything wrong.</summary>
/// <param name="Template">A text message's template; empty or null for a media message (its caption is the template).</param>
/// <param name="SenderIds">The senders to send from; none yet is allowed while drafting.</param>
/// <param name="SendWindow">Null: 08:00–20:00 every day in each recipient's own time zone.</param>
/// <param name="StartAt">ISO-8601 with an offset, e.g. <c>2026-03-01T09:00:00+03:00</c>; null: when started.</param>
/// <param name="MaxIdentical">Null: <see cref="Templates.TemplateOptions.DefaultMaxIdentical"/> (10).</param>
/// <param name="StopOnReply">Null: false.</param>
internal sealed record CampaignDraft(
    string? Name,
    Guid? ContactListId,
    string? Template,
    MediaDraft? Media = null,
    IReadOnlyList<Guid>? SenderIds = null,
    SendWindowDraft? SendWindow = null,
    string? StartAt = null,
    int? MaxIdentical = null,
    bool? StopOnReply = null);
