using Campaigns.Api.Campaigns;

namespace Campaigns.Api.Messages;

/// <summary>A direct send: one message to one number, now (through the sender's pacing and daily cap).</summary>
/// <param name="SenderId">The sender to send from; left out: the number's sticky sender (the one it last talked with) if it can send, else the tenant's least-loaded usable sender.</param>
/// <param name="Number">The recipient, normalised like a contact list's row (E.164; a local number is read in <paramref name="DefaultRegion"/>).</param>
/// <param name="Text">The message (at most 4,096 characters), or with <paramref name="Media"/> its caption (at most 1,024). Sent as written: not a template.</param>
/// <param name="Media">Media to send, as a campaign's (its own caption is not used: <paramref name="Text"/> is the caption).</param>
/// <param name="DefaultRegion">The region a number without a country code is read in; default the configured one.</param>
internal sealed record SendMessageRequest(Guid? SenderId, string? Number, string? Text = null, MediaRequest? Media = null, string? DefaultRegion = null);
