using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// Body of <c>POST /message/sendMedia/{instance}</c> (v2, flat, JSON rather than multipart).
/// Deliberately omits <c>quoted</c> and mentions, as <see cref="SendTextRequest"/> does.
/// </summary>
/// <param name="Media">A URL, or raw base64 without a <c>data:</c> prefix.</param>
/// <param name="FileName">Required by the gateway when <paramref name="Media"/> is base64 and the type is a document.</param>
/// <param name="Delay">Typing simulation in milliseconds; the call lasts at least that long.</param>
internal sealed record SendMediaRequest(
    string Number,
    [property: JsonPropertyName("mediatype")] GatewayMediaType MediaType,
    string Media,
    [property: JsonPropertyName("mimetype")] string? MimeType = null,
    string? Caption = null,
    string? FileName = null,
    int? Delay = null)
{
    public override string ToString() =>
        $"SendMediaRequest {{ Number = {GatewayRedaction.Redact(Number)}, MediaType = {MediaType}, MimeType = {MimeType}, Delay = {Delay} }}";
}
