namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// Body of <c>POST /message/sendWhatsAppAudio/{instance}</c>: a voice note (push-to-talk), shown as recorded on the phone.
/// The gateway simulates "recording…" for <paramref name="Delay"/> milliseconds before sending.
/// </summary>
/// <param name="Audio">A URL, or raw base64.</param>
/// <param name="Encoding">Whether the gateway converts the audio to Opus first; it does unless this is <see langword="false"/>.</param>
internal sealed record SendWhatsAppAudioRequest(string Number, string Audio, int? Delay = null, bool? Encoding = null)
{
    public override string ToString() =>
        $"SendWhatsAppAudioRequest {{ Number = {GatewayRedaction.Redact(Number)}, Delay = {Delay} }}";
}
