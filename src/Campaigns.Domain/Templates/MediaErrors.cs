using Campaigns.Domain.Common;

namespace Campaigns.Domain.Templates;

/// <summary>The ways a message's media can be wrong; each names the field at fault.</summary>
public static class MediaErrors
{
    public static Error UnknownType(string? type) => new(
        "media.unknown_type",
        string.IsNullOrWhiteSpace(type)
            ? "The media has no type: use image, video, document or audio."
            : $"'{type}' is not a media type: use image, video, document or audio.",
        "media.type");

    public static Error SourceMissing() => new(
        "media.source_missing", "The media needs either a url or base64 content.", "media.url");

    public static Error SourceAmbiguous() => new(
        "media.source_ambiguous", "The media has both a url and base64 content: give only one.", "media.url");

    public static Error InvalidUrl() => new(
        "media.invalid_url", "The media url must be an absolute http or https address.", "media.url");

    public static Error UrlHostWithoutDot(string host) => new(
        "media.url_host_without_dot",
        $"The media url's host '{host}' has no dot: the gateway cannot fetch from it. Use a public host name or an IP address.",
        "media.url");

    public static Error Base64LineBreaks() => new(
        "media.base64_line_breaks", "The media's base64 content has line breaks, which the gateway refuses: send it on one line.", "media.base64");

    public static Error Base64TooLarge(int bytes, int max) => new(
        "media.base64_too_large",
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"The media's base64 content decodes to {bytes:N0} bytes, over the {max:N0} the gateway accepts: give a url instead."),
        "media.base64");

    /// <summary>The media url failed its pre-flight before the campaign started (<paramref name="reason"/>: what it answered).</summary>
    public static Error PreflightFailed(string reason) => new(
        "media.preflight_failed",
        $"The media url cannot be sent: {reason}. The campaign was not started; give a url that answers (take it back to draft to change it).",
        "media.url",
        ErrorKind.Conflict);

    public static Error InvalidBase64() => new(
        "media.invalid_base64", "The media content is not valid base64 (send the encoded file without a 'data:' prefix).", "media.base64");

    public static Error MimeTypeRequired() => new(
        "media.mime_type_required", "Media sent as base64 needs a mimeType, such as image/jpeg.", "media.mimeType");

    public static Error InvalidMimeType(string mimeType, MediaType? type) => new(
        "media.invalid_mime_type",
        type is null
            ? $"'{mimeType}' is not a MIME type such as image/jpeg or application/pdf."
            : $"'{mimeType}' is not a MIME type of {type.Value.ToString().ToLowerInvariant()} media.",
        "media.mimeType");

    public static Error FileNameRequired() => new(
        "media.file_name_required", "A document needs a fileName, which the recipient sees.", "media.fileName");

    public static Error InvalidFileName() => new(
        "media.invalid_file_name", "The fileName must be a bare file name, without '/' or '\\'.", "media.fileName");

    public static Error CaptionNotSupported() => new(
        "media.caption_not_supported", "WhatsApp shows no caption with audio: leave the caption out.", TemplateErrors.CaptionField);
}
