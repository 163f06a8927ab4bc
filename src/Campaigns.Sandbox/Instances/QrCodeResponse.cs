namespace Campaigns.Sandbox.Instances;

/// <summary>Baileys' <c>qrCode</c> getter: what <c>/instance/connect</c> answers while linking.</summary>
/// <param name="Base64">A PNG data URL (<c>data:image/png;base64,…</c>).</param>
internal sealed record QrCodeResponse(string? PairingCode, string Code, string Base64, int Count);
