namespace Campaigns.Engine.Gateway.Contract;

/// <summary>A linking code to show the phone's owner.</summary>
/// <param name="PairingCode">Set when linking by phone number instead of QR.</param>
/// <param name="Code">The raw QR payload (<c>2@…</c>).</param>
/// <param name="Base64">The QR as a PNG data URL (<c>data:image/png;base64,…</c>).</param>
/// <param name="Count">How many codes this linking attempt has shown; the gateway gives up at its limit (state <c>refused</c>).</param>
internal sealed record QrCode(string? PairingCode = null, string? Code = null, string? Base64 = null, int? Count = null);
