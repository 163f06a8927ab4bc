using System.Text.RegularExpressions;

namespace Campaigns.Domain.Templates;

/// <summary>
/// Finds links through URL shorteners, which WhatsApp treats as a sign of spam. A host name is found with or without a
/// scheme (<c>https://bit.ly/x</c>, <c>bit.ly/x</c>, <c>www.bit.ly</c>), compared ignoring case, and it matches a listed
/// shortener when it is that host or one of its subdomains; <c>notbit.ly</c> does not match <c>bit.ly</c>.
/// </summary>
public sealed partial class ShortenerDetector
{
    /// <summary>The shorteners always refused.</summary>
    public static readonly IReadOnlyList<string> DefaultHosts =
    [
        "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "cutt.ly", "rebrand.ly", "buff.ly", "shorturl.at",
    ];

    private readonly HashSet<string> _hosts;

    /// <param name="extraHosts">Hosts refused besides <see cref="DefaultHosts"/>; a scheme, a leading <c>www.</c> or
    /// <c>*.</c> and a path are ignored, so <c>https://www.rb.gy/</c> means <c>rb.gy</c>.</param>
    public ShortenerDetector(IEnumerable<string>? extraHosts = null)
    {
        _hosts = new HashSet<string>(DefaultHosts, StringComparer.OrdinalIgnoreCase);
        foreach (var host in extraHosts ?? [])
        {
            if (CleanHost(host) is { Length: > 0 } clean)
            {
                _hosts.Add(clean);
            }
        }
    }

    /// <summary>A detector for <see cref="DefaultHosts"/> only.</summary>
    public static ShortenerDetector Default { get; } = new();

    /// <summary>The refused hosts, lower case.</summary>
    public IReadOnlyCollection<string> Hosts => _hosts;

    /// <summary>Every shortener link in <paramref name="text"/>, in order.</summary>
    public IReadOnlyList<ShortenerLink> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<ShortenerLink>? found = null;
        foreach (Match match in HostPattern().Matches(text))
        {
            var group = match.Groups["host"];
            if (Listed(group.Value) is { } listed)
            {
                (found ??= []).Add(new ShortenerLink(listed, group.Index));
            }
        }

        return found ?? (IReadOnlyList<ShortenerLink>)[];
    }

    /// <summary>The first shortener host in <paramref name="text"/>, or null when there is none.</summary>
    public string? FirstHost(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var match = HostPattern().Match(text); match.Success; match = match.NextMatch())
        {
            if (Listed(match.Groups["host"].Value) is { } listed)
            {
                return listed;
            }
        }

        return null;
    }

    private string? Listed(string host)
    {
        // www.bit.ly → bit.ly → ly: the host itself, then each parent domain.
        for (var candidate = host; ; )
        {
            if (_hosts.TryGetValue(candidate, out var listed))
            {
                return listed;
            }

            var dot = candidate.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                return null;
            }

            candidate = candidate[(dot + 1)..];
        }
    }

    private static string CleanHost(string host)
    {
        var text = host.Trim().ToLowerInvariant();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }

        var slash = text.IndexOfAny(['/', '?', '#']);
        if (slash >= 0)
        {
            text = text[..slash];
        }

        foreach (var prefix in (string[])["*.", "www."])
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..];
            }
        }

        return text.TrimEnd('.');
    }

    // A host name (labels and a top-level domain of letters) not glued to a word before or after it, with an optional
    // scheme. An e-mail address's domain follows '@', and a path segment follows '/': neither is a link's host.
    [GeneratedRegex(
        @"(?<![\w.@/-])(?:[a-z][a-z0-9+.-]*://)?(?<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(?![\w-])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HostPattern();
}
