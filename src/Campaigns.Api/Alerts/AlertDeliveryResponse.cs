namespace Campaigns.Api.Alerts;

/// <summary>The last attempt to post an alert.</summary>
/// <param name="Status">The URL's HTTP status (<c>204</c>), or why there was none (<c>timeout</c>, <c>unreachable: …</c>).</param>
internal sealed record AlertDeliveryResponse(DateTimeOffset At, string Status);
