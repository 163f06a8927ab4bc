using Campaigns.Api.Campaigns;
using Campaigns.Engine.BulkSends;

namespace Campaigns.Api.Messages;

/// <summary>A bulk send: one message to many recipients, sent as a campaign (same checks, variation rule, window, pacing).</summary>
/// <param name="Name">The campaign's name; default <c>Bulk send</c> and the time.</param>
/// <param name="SenderIds">The tenant's senders to send from; default every sender of the tenant (those that can send are used).</param>
/// <param name="Recipients">1 to <c>BulkSends:MaxRecipients</c> (10,000) recipients.</param>
/// <param name="Text">The message, sent exactly as written (braces and bars are not template syntax). Give this or <paramref name="Template"/>; with media it is the caption.</param>
/// <param name="Template">A template over the recipients' fields: Scriban (<c>{{ first_name }}</c>) and <c>{Hi|Hello}</c> choices, as a campaign's; with media it is the caption.</param>
/// <param name="Window">When it may send; default 08:00–20:00 every day in each recipient's own time zone.</param>
/// <param name="StartAt">ISO-8601 with an offset, not in the past: it is scheduled until then. Default: as soon as it is prepared.</param>
/// <param name="StopOnReply">When a number replies, skip its message if not yet sent; default false.</param>
/// <param name="Delay">At least this many seconds (1–3600) between two of its messages from one sender. It can only slow the send: the senders' pacing and caps still hold.</param>
/// <param name="DefaultRegion">ISO 3166 alpha-2 region for numbers written without a country code; default the server's (<c>Campaigns:DefaultRegion</c>).</param>
internal sealed record BulkSendRequest(
    string? Name = null,
    IReadOnlyList<Guid>? SenderIds = null,
    IReadOnlyList<BulkRecipientRequest?>? Recipients = null,
    string? Text = null,
    string? Template = null,
    MediaRequest? Media = null,
    SendWindowRequest? Window = null,
    string? StartAt = null,
    bool? StopOnReply = null,
    int? Delay = null,
    string? DefaultRegion = null)
{
    public BulkSend ToCommand(string defaultRegion, string? idempotencyKey) => new(
        Name,
        SenderIds,
        Recipients?.Select(r => r is null ? null : new BulkRecipient(r.Number, r.Fields)).ToArray(),
        Text,
        Template,
        Media?.ToDraft(),
        Window?.ToDraft(),
        StartAt,
        StopOnReply,
        Delay,
        string.IsNullOrWhiteSpace(DefaultRegion) ? defaultRegion : DefaultRegion.Trim(),
        idempotencyKey);
}
