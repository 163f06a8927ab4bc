namespace Campaigns.Sandbox.Audit;

/// <summary>The sums of every instance's audit.</summary>
internal sealed record AuditTotals(int Sends, int Refused, AuditViolations Violations);
