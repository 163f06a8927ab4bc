namespace Campaigns.Sandbox.Audit;

/// <summary>The body of <c>GET /sandbox/audit</c>: one entry per instance, by name.</summary>
internal sealed record AuditReport(IReadOnlyList<InstanceAudit> Instances);
