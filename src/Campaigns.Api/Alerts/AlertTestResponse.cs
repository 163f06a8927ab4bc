namespace Campaigns.Api.Alerts;

/// <summary>The <c>ping</c> event queued for the alert URL; it is posted within seconds, and <c>GET /api/alerts</c> shows the answer.</summary>
internal sealed record AlertTestResponse(Guid EventId);
