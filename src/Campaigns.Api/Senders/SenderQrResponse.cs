namespace Campaigns.Api.Senders;

/// <param name="QrCode">A PNG data URL to show for scanning; null once the sender is open (or cannot link).</param>
internal sealed record SenderQrResponse(string State, string? QrCode, string? PairingCode);
