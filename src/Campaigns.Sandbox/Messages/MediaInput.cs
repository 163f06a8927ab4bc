using System.Text.RegularExpressions;

namespace Campaigns.Sandbox.Messages;

/// <summary>class-validator's <c>isURL</c> and <c>isBase64</c>, as the send controller uses them, closely enough.</summary>
internal static partial class MediaInput
{
    public static bool IsUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        // validator.js does not require the protocol, but does require a dotted host (a TLD or an IP address).
        var text = value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
               && uri.Scheme is "http" or "https" or "ftp"
               && uri.Host.Contains('.', StringComparison.Ordinal);
    }

    public static bool IsBase64(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length % 4 == 0 && Base64().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9+/]+={0,2}$")]
    private static partial Regex Base64();
}
