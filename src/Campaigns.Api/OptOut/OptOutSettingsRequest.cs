namespace Campaigns.Api.OptOut;

/// <summary>A tenant's opt-out settings, replaced whole.</summary>
/// <param name="Keywords">
/// Opt-out words of its own, added to the defaults: at most 50, each at most 40 characters. A reply opts out when its
/// whole text is one of them, compared without case, accents, spaces or punctuation ("Stop!" is STOP).
/// </param>
/// <param name="Confirmation">The reply to an opt-out; null: none. Stored, not sent yet.</param>
/// <param name="ResubscribeConfirmation">The reply to a re-subscribe (START); null: none. Stored, not sent yet.</param>
internal sealed record OptOutSettingsRequest(IReadOnlyList<string?>? Keywords, string? Confirmation = null, string? ResubscribeConfirmation = null);
