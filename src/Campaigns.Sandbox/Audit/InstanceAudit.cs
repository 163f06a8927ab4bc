namespace Campaigns.Sandbox.Audit;

/// <summary>One instance's audit.</summary>
/// <param name="Sends">Messages that went out.</param>
/// <param name="Refused">Attempts the network refused (not on WhatsApp, connection not open); not in <paramref name="Sends"/>.</param>
/// <param name="Examples">A few examples of each violation, in time order within a rule.</param>
internal sealed record InstanceAudit(
    string Instance,
    int Sends,
    int Refused,
    AuditViolations Violations,
    IReadOnlyList<AuditExample> Examples);
