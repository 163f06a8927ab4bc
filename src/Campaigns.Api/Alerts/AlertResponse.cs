namespace Campaigns.Api.Alerts;

/// <summary>The tenant's alert URL and how its deliveries go. The secret is deliberately absent: it is shown only when set.</summary>
/// <param name="LastDelivery">The last attempt; null before the first.</param>
/// <param name="FailingSince">The first failed attempt since the last success; null when not failing.</param>
/// <param name="Queued">Events waiting for delivery.</param>
/// <param name="Dropped">Events given up after every attempt failed, or pushed out of a full queue.</param>
internal sealed record AlertResponse(
    string Url, DateTimeOffset CreatedAt, AlertDeliveryResponse? LastDelivery, DateTimeOffset? FailingSince, long Queued, long Dropped);
