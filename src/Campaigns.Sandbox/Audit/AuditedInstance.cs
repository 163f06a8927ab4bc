using NodaTime;

namespace Campaigns.Sandbox.Audit;

/// <summary>What the audit needs to know of an instance: its name, the zone of its days, its cap.</summary>
internal sealed record AuditedInstance(string Name, DateTimeZone TimeZone, int DailyCap);
