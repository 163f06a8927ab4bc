using Campaigns.Domain.Templates;

namespace Campaigns.Api.Campaigns;

/// <summary>A campaign's media. The base64 content is deliberately left out (it can be megabytes, and the caller has it); <see cref="Source"/> says whether there is one.</summary>
/// <param name="Source"><c>url</c> or <c>base64</c>.</param>
internal sealed record MediaResponse(string? Type, string Source, string? Url, string? MimeType, string? FileName, string? Caption)
{
    public static MediaResponse From(MediaDraft media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return new(media.Type, media.Url is null ? "base64" : "url", media.Url, media.MimeType, media.FileName, media.Caption);
    }
}
