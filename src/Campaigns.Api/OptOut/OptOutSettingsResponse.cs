using Campaigns.Domain.Replies;

namespace Campaigns.Api.OptOut;

/// <summary>A tenant's opt-out settings, with the words every tenant has.</summary>
/// <param name="Keywords">Its own opt-out words, added to <paramref name="DefaultKeywords"/>.</param>
/// <param name="Confirmation">The reply to an opt-out; null: none. Stored, not sent yet.</param>
/// <param name="ResubscribeConfirmation">The reply to a re-subscribe; null: none. Stored, not sent yet.</param>
/// <param name="DefaultKeywords">The opt-out words every tenant has.</param>
/// <param name="ResubscribeKeywords">The words that lift an opt-out (never a suppression added by hand).</param>
internal sealed record OptOutSettingsResponse(
    IReadOnlyList<string> Keywords,
    string? Confirmation,
    string? ResubscribeConfirmation,
    IReadOnlyList<string> DefaultKeywords,
    IReadOnlyList<string> ResubscribeKeywords)
{
    public static OptOutSettingsResponse From(OptOutSettings settings, IReadOnlyList<string> defaults, IReadOnlyList<string> resubscribe)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.Keywords, settings.Confirmation, settings.ResubscribeConfirmation, defaults, resubscribe);
    }
}
