namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// <c>data</c> of a <c>connection.update</c> webhook. <c>close</c> is only sent for terminal disconnects (logged out,
/// 401/403/402/406); the gateway reconnects silently after other drops.
/// </summary>
/// <param name="StatusReason">The disconnect code (401 logged out, 428 QR limit, …); 200 otherwise.</param>
/// <param name="Wuid">The linked phone's JID, when open.</param>
internal sealed record ConnectionUpdateData(
    string Instance,
    InstanceConnectionState State = InstanceConnectionState.Unknown,
    int? StatusReason = null,
    string? Wuid = null,
    string? ProfileName = null,
    string? ProfilePictureUrl = null);
