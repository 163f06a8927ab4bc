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

    /// <summary>
    /// Why downloading <paramref name="media"/> fails, as axios says it, or null when it does not: the sandbox fetches
    /// nothing, so a URL whose host is under <c>.invalid</c> (RFC 2606: it never resolves) stands for a dead link.
    /// </summary>
    public static string? DownloadFailure(string? media)
    {
        if (!IsUrl(media))
        {
            return null;
        }

        var uri = new Uri(media!.Contains("://", StringComparison.Ordinal) ? media : "http://" + media);
        return uri.Host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase) ? $"AxiosError: getaddrinfo ENOTFOUND {uri.Host}" : null;
    }

    public static bool IsBase64(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length % 4 == 0 && Base64().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9+/]+={0,2}$")]
    private static partial Regex Base64();
}
