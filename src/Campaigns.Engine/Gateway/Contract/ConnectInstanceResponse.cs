namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// Answer (200) of <c>GET /instance/connect/{instance}</c>, which has three shapes: a bare QR code
/// <c>{pairingCode, code, base64, count}</c> while linking; <c>{"instance":{"instanceName","state":"open"}}</c> when
/// already linked; <c>{"instance":{…,"status"},"qrcode":{…}}</c> otherwise. Failures also come as 200:
/// <c>{"error": true, "message": "…"}</c>.
/// </summary>
internal sealed record ConnectInstanceResponse(
    string? PairingCode = null,
    string? Code = null,
    string? Base64 = null,
    int? Count = null,
    ConnectInstanceInfo? Instance = null,
    QrCode? Qrcode = null,
    bool? Error = null,
    string? Message = null);
