using NodaTime;

namespace Campaigns.Sandbox.Audit;

/// <summary>What the audit needs to know of an instance: its name, its linked number (null when none), the zone of its days, its cap.</summary>
internal sealed record AuditedInstance(string Name, string? Number, DateTimeZone TimeZone, int DailyCap);
