using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Tests.Templates;

public sealed class MediaAttachmentTests
{
    [Theory]
    [InlineData("image", "https://example.com/a.jpg", null, "image/jpeg", null, "Hi")]
    [InlineData("IMAGE", "http://example.com/a.jpg", null, null, null, null)]
    [InlineData("document", null, "aGVsbG8=", "application/pdf", "offer.pdf", "Our offer")]
    [InlineData("video", "https://example.com/v.mp4", null, "video/mp4", null, null)]
    [InlineData("audio", "https://example.com/a.ogg", null, "audio/ogg", null, null)]
    [InlineData("image", "http://127.0.0.1:8080/a.png", null, null, null, null)]   // an IP address needs no dot
    [InlineData("image", "http://[::1]:8080/a.png", null, null, null, null)]
    [InlineData("document", null, "aGVsbG8=\r\n", "application/pdf", "a.pdf", null)] // a trailing line break is trimmed
    public void Check_GoodMedia_HasNoErrors(string type, string? url, string? base64, string? mime, string? fileName, string? caption)
    {
        var draft = new MediaDraft(type, url, base64, mime, fileName, caption);

        Assert.Empty(MediaAttachment.Check(draft));
        Assert.True(MediaAttachment.Parse(draft).IsSuccess);
    }

    [Theory]
    [InlineData("sticker", "https://example.com/a.webp", null, null, null, null, "media.unknown_type", "media.type")]
    [InlineData(null, "https://example.com/a.webp", null, null, null, null, "media.unknown_type", "media.type")]
    [InlineData("image", null, null, null, null, null, "media.source_missing", "media.url")]
    [InlineData("image", "https://example.com/a.jpg", "aGVsbG8=", "image/jpeg", null, null, "media.source_ambiguous", "media.url")]
    [InlineData("image", "ftp://example.com/a.jpg", null, null, null, null, "media.invalid_url", "media.url")]
    [InlineData("image", "/a.jpg", null, null, null, null, "media.invalid_url", "media.url")]
    [InlineData("image", null, "not base64!", "image/png", null, null, "media.invalid_base64", "media.base64")]
    [InlineData("image", "http://localhost/x.png", null, null, null, null, "media.url_host_without_dot", "media.url")]
    [InlineData("image", "http://files/x", null, null, null, null, "media.url_host_without_dot", "media.url")]
    [InlineData("image", "https://cdn./x.png", null, null, null, null, "media.url_host_without_dot", "media.url")]
    [InlineData("image", null, "aGVs\nbG8=", "image/png", null, null, "media.base64_line_breaks", "media.base64")]
    [InlineData("image", null, "aGVs\r\nbG8=", "image/png", null, null, "media.base64_line_breaks", "media.base64")]
    [InlineData("image", null, "aGVsbG8=", null, null, null, "media.mime_type_required", "media.mimeType")]
    [InlineData("image", "https://example.com/a.jpg", null, "jpeg", null, null, "media.invalid_mime_type", "media.mimeType")]
    [InlineData("image", "https://example.com/a.jpg", null, "video/mp4", null, null, "media.invalid_mime_type", "media.mimeType")]
    [InlineData("document", "https://example.com/a.pdf", null, "application/pdf", null, null, "media.file_name_required", "media.fileName")]
    [InlineData("document", "https://example.com/a.pdf", null, "application/pdf", "  ", null, "media.file_name_required", "media.fileName")]
    [InlineData("document", "https://example.com/a.pdf", null, null, "../a.pdf", null, "media.invalid_file_name", "media.fileName")]
    [InlineData("audio", "https://example.com/a.ogg", null, null, null, "Listen", "media.caption_not_supported", "media.caption")]
    public void Check_BadMedia_NamesTheProblemAndField(
        string? type, string? url, string? base64, string? mime, string? fileName, string? caption, string code, string field)
    {
        var error = Assert.Single(MediaAttachment.Check(new MediaDraft(type, url, base64, mime, fileName, caption)));

        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Field);
        Assert.False(MediaAttachment.Parse(new MediaDraft(type, url, base64, mime, fileName, caption)).IsSuccess);
    }

    [Theory]
    [InlineData(2_700_000, true)]
    [InlineData(2_700_001, false)]
    public void Check_Base64Size_IsBoundedByTheDecodedBytes(int bytes, bool accepted)
    {
        var draft = new MediaDraft("document", null, Convert.ToBase64String(new byte[bytes]), "application/pdf", "a.pdf");

        var errors = MediaAttachment.Check(draft);

        Assert.Equal(accepted ? [] : ["media.base64_too_large"], errors.Select(e => e.Code));
        Assert.Empty(MediaAttachment.Check(draft, maxBase64Bytes: 3_000_000));
    }

    [Fact]
    public void Check_ManyProblems_ReportsThemAll()
    {
        var errors = MediaAttachment.Check(new MediaDraft("gif", FileName: null));

        Assert.Equal(["media.unknown_type", "media.source_missing"], errors.Select(e => e.Code));
    }

    [Fact]
    public void Parse_Document_KeepsItsParts()
    {
        var media = MediaAttachment.Parse(new MediaDraft("Document", " https://example.com/a.pdf ", null, null, "a.pdf", "Hi {{ name }}")).Value;

        Assert.Equal(MediaType.Document, media.Type);
        Assert.Equal(new Uri("https://example.com/a.pdf"), media.Url);
        Assert.Equal("a.pdf", media.FileName);
        Assert.Equal("Hi {{ name }}", media.Caption);
    }
}
