namespace Campaigns.Sandbox.Control;

/// <summary>An instance's zone, as the audit uses it.</summary>
internal sealed record TimeZoneResponse(string Instance, string TimeZone);
