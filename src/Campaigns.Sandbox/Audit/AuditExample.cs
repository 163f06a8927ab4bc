namespace Campaigns.Sandbox.Audit;

/// <summary>One example of a violation.</summary>
/// <param name="Rule">The name of the counter in <see cref="AuditViolations"/>, e.g. <c>gapsUnderFloor</c>.</param>
/// <param name="At">When the offending send happened (ISO 8601, UTC).</param>
/// <param name="Sequence">Its number in <c>GET /sandbox/sends</c>.</param>
/// <param name="KeyId">Its WhatsApp message id, when it went out.</param>
/// <param name="Detail">What exactly was wrong, in words.</param>
internal sealed record AuditExample(string Rule, string At, long Sequence, string Recipient, string? KeyId, string Detail);
