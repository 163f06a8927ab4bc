namespace Campaigns.Sandbox.Audit;

/// <summary>The body of <c>GET /sandbox/audit</c>.</summary>
/// <param name="Instances">One entry per instance, by name.</param>
/// <param name="Totals">Everything together: the figure a test checks is zero.</param>
/// <param name="Recipients">Who received what, over all instances.</param>
internal sealed record AuditReport(IReadOnlyList<InstanceAudit> Instances, AuditTotals Totals, RecipientSummary Recipients);
