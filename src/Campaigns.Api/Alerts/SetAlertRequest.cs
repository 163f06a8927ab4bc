namespace Campaigns.Api.Alerts;

/// <summary>The tenant's alert URL: https, on a public address.</summary>
internal sealed record SetAlertRequest(string? Url);
