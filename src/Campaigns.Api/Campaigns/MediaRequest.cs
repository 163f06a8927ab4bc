using Campaigns.Domain.Templates;

namespace Campaigns.Api.Campaigns;

/// <summary>A message's media.</summary>
/// <param name="Type"><c>image</c>, <c>video</c>, <c>document</c> or <c>audio</c>.</param>
/// <param name="Url">Where the gateway fetches the file (http or https); give this or <paramref name="Base64"/>.</param>
/// <param name="Base64">The file itself, base64 encoded, without a <c>data:</c> prefix.</param>
/// <param name="MimeType">E.g. <c>image/jpeg</c>; required with <paramref name="Base64"/>.</param>
/// <param name="FileName">The name the recipient sees; required for a document.</param>
/// <param name="Caption">A template like a text message's (variables, {a|b} choices), at most 1,024 characters once rendered; none for audio.</param>
internal sealed record MediaRequest(
    string? Type, string? Url = null, string? Base64 = null, string? MimeType = null, string? FileName = null, string? Caption = null)
{
    public MediaDraft ToDraft() => new(Type, Url, Base64, MimeType, FileName, Caption);
}
