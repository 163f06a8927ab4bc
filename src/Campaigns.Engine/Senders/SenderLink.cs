namespace Campaigns.Engine.Senders;

/// <summary>How to link a sender's phone: the QR code as a PNG data URL and the pairing code, while it is not open.</summary>
internal sealed record SenderLink(Sender Sender, string? QrCode, string? PairingCode);
