using System.Collections.Frozen;

namespace Campaigns.Domain.Campaigns;

/// <summary>
/// The one home of the text of <see cref="CampaignStatus"/> and <see cref="MessageStatus"/> values: what PostgreSQL
/// stores, what a listing's <c>status</c> filter reads and what error messages say. Each name is the member's name with
/// a lower-case first letter (<c>draft</c>, <c>pending</c>), which is also how the API's JSON writes them (its enum
/// converter is camelCase; a test holds the two together). Numbers are not names.
/// </summary>
public static class StatusText
{
    public static string Name(CampaignStatus status) => Names<CampaignStatus>.Of(status);

    public static string Name(MessageStatus status) => Names<MessageStatus>.Of(status);

    /// <summary>Every campaign status's name, in the lifecycle's order.</summary>
    public static IReadOnlyList<string> CampaignStatuses => Names<CampaignStatus>.All;

    /// <summary>Every message status's name.</summary>
    public static IReadOnlyList<string> MessageStatuses => Names<MessageStatus>.All;

    /// <summary>Reads a name in any case; false for anything else (numbers included).</summary>
    public static bool TryParse(string? text, out CampaignStatus status) => Names<CampaignStatus>.TryParse(text, out status);

    /// <inheritdoc cref="TryParse(string?, out CampaignStatus)"/>
    public static bool TryParse(string? text, out MessageStatus status) => Names<MessageStatus>.TryParse(text, out status);

    /// <summary>A stored campaign status; anything else is broken data and throws.</summary>
    public static CampaignStatus ParseCampaignStatus(string text) =>
        TryParse(text, out CampaignStatus status) ? status : throw new FormatException($"'{text}' is not a campaign status.");

    /// <summary>A stored message status; anything else is broken data and throws.</summary>
    public static MessageStatus ParseMessageStatus(string text) =>
        TryParse(text, out MessageStatus status) ? status : throw new FormatException($"'{text}' is not a message status.");

    private static class Names<T>
        where T : struct, Enum
    {
        private static readonly FrozenDictionary<T, string> ToText =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => char.ToLowerInvariant(v.ToString()[0]) + v.ToString()[1..]);

        private static readonly FrozenDictionary<string, T> FromText =
            ToText.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

        public static IReadOnlyList<string> All { get; } = Enum.GetValues<T>().Select(v => ToText[v]).ToArray();

        public static string Of(T value) =>
            ToText.TryGetValue(value, out var text) ? text : throw new ArgumentOutOfRangeException(nameof(value), value, null);

        public static bool TryParse(string? text, out T value) => FromText.TryGetValue(text?.Trim() ?? "", out value);
    }
}
