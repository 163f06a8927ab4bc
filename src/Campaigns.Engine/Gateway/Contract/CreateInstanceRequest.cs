namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// Body of <c>POST /instance/create</c> (global API key only). With <paramref name="Qrcode"/> true the gateway starts
/// linking and waits about 5 s to include the first QR code in its answer.
/// Deliberately omits the integrations (Chatwoot, RabbitMQ, …) and settings that campaigns do not use.
/// </summary>
/// <param name="Integration">The channel; <c>WHATSAPP-BAILEYS</c> links a phone by QR code.</param>
/// <param name="Number">The phone number to link, for a pairing code instead of a QR scan.</param>
/// <param name="Token">The instance's API key; when omitted the gateway makes one (an upper-case UUID).</param>
internal sealed record CreateInstanceRequest(
    string InstanceName,
    string Integration = CreateInstanceRequest.Baileys,
    bool Qrcode = true,
    string? Number = null,
    string? Token = null)
{
    public const string Baileys = "WHATSAPP-BAILEYS";

    public override string ToString() =>
        $"CreateInstanceRequest {{ InstanceName = {InstanceName}, Integration = {Integration}, Qrcode = {Qrcode}, Token = {(Token is null ? "none" : "***")} }}";
}
