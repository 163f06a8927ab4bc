using NodaTime;

namespace Campaigns.Engine.Alerts;

/// <summary>A tenant's alert URL and how its deliveries go (the secret is never read back).</summary>
/// <param name="LastDeliveryAt">The last attempt, successful or not; null before the first.</param>
/// <param name="LastStatus">That attempt's answer: an HTTP status (<c>"204"</c>) or why none (<c>"timeout"</c>).</param>
/// <param name="FailingSince">The first failed attempt since the last success; null when not failing.</param>
/// <param name="Queued">Events waiting for delivery.</param>
/// <param name="Dropped">Events given up after <see cref="AlertOptions.MaxAttempts"/> or pushed out by <see cref="AlertOptions.MaxQueued"/>.</param>
internal sealed record AlertEndpoint(
    Uri Url, Instant CreatedAt, Instant? LastDeliveryAt, string? LastStatus, Instant? FailingSince, long Queued, long Dropped);
