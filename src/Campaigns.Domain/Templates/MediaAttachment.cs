using System.Text.RegularExpressions;
using Campaigns.Domain.Common;

namespace Campaigns.Domain.Templates;

/// <summary>
/// Checked media for a campaign message: a known type, exactly one source (a url or base64 content), a file name for a
/// document, and a caption template (checked as a template elsewhere) except for audio. What the real gateway refuses
/// is refused here too: a url whose host has no dot (Evolution cannot fetch <c>http://localhost/x.png</c> or
/// <c>http://files/x</c>; an IP address is fine), base64 with line breaks, and base64 over
/// <see cref="DefaultMaxBase64Bytes"/> decoded bytes (configurable; the gateway answers 500 above about 2.7 MB).
/// </summary>
public sealed partial record MediaAttachment
{
    private MediaAttachment(MediaType type, Uri? url, string? base64, string? mimeType, string? fileName, string? caption)
    {
        Type = type;
        Url = url;
        Base64 = base64;
        MimeType = mimeType;
        FileName = fileName;
        Caption = caption;
    }

    public MediaType Type { get; }

    /// <summary>Where the gateway fetches the file; null when the content is <see cref="Base64"/>.</summary>
    public Uri? Url { get; }

    public string? Base64 { get; }

    public string? MimeType { get; }

    public string? FileName { get; }

    /// <summary>The caption's template text; null when there is none.</summary>
    public string? Caption { get; }

    /// <summary>The most decoded bytes of base64 content by default: 2,700,000.</summary>
    public const int DefaultMaxBase64Bytes = 2_700_000;

    /// <summary>Every problem of <paramref name="draft"/> at once (the caption's template is not read here); empty when it is good.</summary>
    /// <param name="maxBase64Bytes">The most decoded bytes of base64 content.</param>
    public static IReadOnlyList<Error> Check(MediaDraft draft, int maxBase64Bytes = DefaultMaxBase64Bytes)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<Error>();
        var type = ParseType(draft.Type);
        if (type is null)
        {
            errors.Add(MediaErrors.UnknownType(draft.Type));
        }

        var hasUrl = !string.IsNullOrWhiteSpace(draft.Url);
        var hasBase64 = !string.IsNullOrWhiteSpace(draft.Base64);
        if (hasUrl && hasBase64)
        {
            errors.Add(MediaErrors.SourceAmbiguous());
        }
        else if (!hasUrl && !hasBase64)
        {
            errors.Add(MediaErrors.SourceMissing());
        }
        else if (hasUrl && !IsHttpUrl(draft.Url!))
        {
            errors.Add(MediaErrors.InvalidUrl());
        }
        else if (hasUrl && HostWithoutDot(draft.Url!) is { } host)
        {
            errors.Add(MediaErrors.UrlHostWithoutDot(host));
        }
        else if (hasBase64 && draft.Base64.AsSpan().Trim().IndexOfAny('\r', '\n') >= 0)
        {
            errors.Add(MediaErrors.Base64LineBreaks());
        }
        else if (hasBase64)
        {
            if (!System.Buffers.Text.Base64.IsValid(draft.Base64.AsSpan().Trim(), out var decoded))
            {
                errors.Add(MediaErrors.InvalidBase64());
            }
            else if (decoded > maxBase64Bytes)
            {
                errors.Add(MediaErrors.Base64TooLarge(decoded, maxBase64Bytes));
            }
        }

        if (string.IsNullOrWhiteSpace(draft.MimeType))
        {
            if (hasBase64 && !hasUrl)
            {
                errors.Add(MediaErrors.MimeTypeRequired());
            }
        }
        else if (!MimeTypePattern().IsMatch(draft.MimeType.Trim()))
        {
            errors.Add(MediaErrors.InvalidMimeType(draft.MimeType, null));
        }
        else if (type is MediaType.Image or MediaType.Video or MediaType.Audio
                 && !draft.MimeType.Trim().StartsWith(type.Value.ToString().ToLowerInvariant() + "/", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(MediaErrors.InvalidMimeType(draft.MimeType, type));
        }

        if (string.IsNullOrWhiteSpace(draft.FileName))
        {
            if (type is MediaType.Document)
            {
                errors.Add(MediaErrors.FileNameRequired());
            }
        }
        else if (draft.FileName.IndexOfAny(['/', '\\']) >= 0)
        {
            errors.Add(MediaErrors.InvalidFileName());
        }

        if (type is MediaType.Audio && !string.IsNullOrEmpty(draft.Caption))
        {
            errors.Add(MediaErrors.CaptionNotSupported());
        }

        return errors;
    }

    /// <summary>The checked media, or the first problem; use <see cref="Check"/> to report them all.</summary>
    public static Result<MediaAttachment> Parse(MediaDraft draft, int maxBase64Bytes = DefaultMaxBase64Bytes)
    {
        var errors = Check(draft, maxBase64Bytes);
        if (errors.Count > 0)
        {
            return errors[0];
        }

        return new MediaAttachment(
            ParseType(draft.Type)!.Value,
            string.IsNullOrWhiteSpace(draft.Url) ? null : new Uri(draft.Url.Trim(), UriKind.Absolute),
            string.IsNullOrWhiteSpace(draft.Base64) ? null : draft.Base64.Trim(),
            string.IsNullOrWhiteSpace(draft.MimeType) ? null : draft.MimeType.Trim(),
            string.IsNullOrWhiteSpace(draft.FileName) ? null : draft.FileName.Trim(),
            string.IsNullOrEmpty(draft.Caption) ? null : draft.Caption);
    }

    private static MediaType? ParseType(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "image" => MediaType.Image,
        "video" => MediaType.Video,
        "document" => MediaType.Document,
        "audio" => MediaType.Audio,
        _ => null,
    };

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>The host of a url when it is a name without a dot (a trailing dot does not count); null otherwise.</summary>
    private static string? HostWithoutDot(string text)
    {
        var uri = new Uri(text.Trim(), UriKind.Absolute);
        return uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IdnHost.TrimEnd('.').Contains('.', StringComparison.Ordinal)
            ? null
            : uri.Host;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex MimeTypePattern();
}
