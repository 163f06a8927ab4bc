using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>The <c>mediatype</c> of <c>sendMedia</c>: the gateway's schema allows exactly these four.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GatewayMediaType>))]
internal enum GatewayMediaType
{
    [JsonStringEnumMemberName("image")]
    Image,

    [JsonStringEnumMemberName("video")]
    Video,

    /// <summary>A file; when its media is base64 the gateway requires a file name.</summary>
    [JsonStringEnumMemberName("document")]
    Document,

    /// <summary>An audio file. For a voice note use <c>sendWhatsAppAudio</c> instead.</summary>
    [JsonStringEnumMemberName("audio")]
    Audio,
}
