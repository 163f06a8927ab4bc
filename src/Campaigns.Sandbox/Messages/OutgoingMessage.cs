using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Campaigns.Sandbox.Messages;

/// <summary>A validated send request of any kind.</summary>
/// <param name="Kind"><c>text</c>, a <c>mediatype</c> (<c>image</c>, <c>video</c>, <c>document</c>, <c>audio</c>) or <c>ptt</c> (a voice note).</param>
/// <param name="Body">The text, or the media's caption (empty when none).</param>
/// <param name="Media">The media URL or base64, or null for text.</param>
/// <param name="DelayMs">The requested typing delay, before scaling.</param>
internal sealed record OutgoingMessage(
    string Number, string Kind, string Body, string? Media, string? Mimetype, string? FileName, int DelayMs)
{
    public const string Text = "text";
    public const string VoiceNote = "ptt";

    /// <summary>What makes two sends "the same body" for the audit: kind, text or caption, and media.</summary>
    public string Identity => $"{Kind}\n{Body}\n{MediaIdentity}";

    /// <summary><see cref="Identity"/> with the text as DESIGN.md compares bodies (<see cref="Audit.BodyText"/>).</summary>
    public string NormalIdentity => $"{Kind}\n{Audit.BodyText.Normal(Body)}\n{MediaIdentity}";

    /// <summary>The media URL, or <c>base64:</c> and a digest for inline media (bodies can be megabytes).</summary>
    public string? MediaIdentity => Media switch
    {
        null => null,
        _ when MediaInput.IsUrl(Media) => Media,
        _ => "base64:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Media)))[..16],
    };

    /// <summary>The <c>messageType</c> and <c>message</c> of the response, as Baileys shapes them.</summary>
    public (string MessageType, JsonObject Content) Content(string keyId)
    {
        if (Kind == Text)
        {
            return ("conversation", new JsonObject { ["conversation"] = Body });
        }

        var url = $"https://mmg.whatsapp.net/v/t62.7118-24/{keyId}.enc";
        var (type, inner) = Kind switch
        {
            "image" => ("imageMessage", new JsonObject { ["url"] = url, ["mimetype"] = Mimetype ?? "image/jpeg" }),
            "video" => ("videoMessage", new JsonObject { ["url"] = url, ["mimetype"] = Mimetype ?? "video/mp4" }),
            "document" => ("documentMessage", new JsonObject
            {
                ["url"] = url,
                ["mimetype"] = Mimetype ?? "application/pdf",
                ["title"] = FileName,
                ["fileName"] = FileName,
            }),
            VoiceNote => ("audioMessage", new JsonObject { ["url"] = url, ["mimetype"] = "audio/ogg; codecs=opus", ["ptt"] = true }),
            _ => ("audioMessage", new JsonObject { ["url"] = url, ["mimetype"] = Mimetype ?? "audio/mpeg" }),
        };
        if (Body.Length > 0 && Kind is not ("audio" or VoiceNote))
        {
            inner["caption"] = Body;
        }

        return (type, new JsonObject { [type] = inner });
    }
}
