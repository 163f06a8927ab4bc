using Campaigns.Domain.Senders;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Direct;

/// <summary>A caller's direct send, not yet checked.</summary>
/// <param name="Sender">The sender to send from; null: the number's sticky sender if usable, else the least-loaded usable one.</param>
/// <param name="Number">The recipient's number, normalised like an import row against <paramref name="Region"/>.</param>
/// <param name="Text">The text, or with <paramref name="Media"/> its caption (literal: not a template).</param>
/// <param name="Media">Media to send (its own caption is ignored: <paramref name="Text"/> is the caption).</param>
/// <param name="Region">The region a number without a country code is read in (ISO 3166 alpha-2).</param>
/// <param name="IdempotencyKey">The caller's <c>Idempotency-Key</c>: the same key answers the same message.</param>
internal sealed record DirectSendRequest(
    SenderId? Sender, string? Number, string? Text, MediaDraft? Media, string Region, string? IdempotencyKey);
