using NodaTime;

namespace Campaigns.Sandbox.Instances;

/// <summary>A consistent read of an instance's mutable state.</summary>
internal sealed record InstanceSnapshot(
    string State,
    int QrCount,
    string? QrCode,
    int? DisconnectionReasonCode,
    Instant? DisconnectionAt,
    Instant UpdatedAt,
    long Generation);
