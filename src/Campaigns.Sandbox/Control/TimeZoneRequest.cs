namespace Campaigns.Sandbox.Control;

/// <summary>The body of <c>POST /sandbox/instances/{name}/time-zone</c>: the IANA zone in which the audit counts the instance's days.</summary>
internal sealed record TimeZoneRequest(string? TimeZone);
