namespace Campaigns.Domain.Templates;

/// <summary>
/// Media as a caller sends it, not yet checked: <see cref="MediaAttachment.Check"/> names everything wrong with it.
/// </summary>
/// <param name="Type"><c>image</c>, <c>video</c>, <c>document</c> or <c>audio</c>, in any case.</param>
/// <param name="Url">Where the gateway fetches the file (http or https); exactly one of this and <paramref name="Base64"/>.</param>
/// <param name="Base64">The file itself, base64 encoded (no <c>data:</c> prefix).</param>
/// <param name="MimeType">For example <c>image/jpeg</c>; required with <paramref name="Base64"/>.</param>
/// <param name="FileName">The name the recipient sees; required for a document.</param>
/// <param name="Caption">A template, like a text message's, of at most 1,024 characters once rendered.</param>
public sealed record MediaDraft(
    string? Type,
    string? Url = null,
    string? Base64 = null,
    string? MimeType = null,
    string? FileName = null,
    string? Caption = null);
