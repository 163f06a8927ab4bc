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
