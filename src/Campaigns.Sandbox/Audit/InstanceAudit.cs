namespace Campaigns.Sandbox.Audit;

/// <summary>One instance's audit: every violation is counted on the instance that made the offending send.</summary>
/// <param name="Sends">Messages that went out.</param>
/// <param name="Refused">Attempts the network refused (not on WhatsApp, not open, never started, media not downloaded); not in <paramref name="Sends"/>.</param>
/// <param name="Examples">A few examples of each violation, in time order within a rule.</param>
/// <param name="Number">Its linked number (digits), whose floor and cap it shares with any other instance linked to it.</param>
/// <param name="TimeZone">The IANA zone of its days.</param>
internal sealed record InstanceAudit(
    string Instance,
    int Sends,
    int Refused,
    AuditViolations Violations,
    IReadOnlyList<AuditExample> Examples,
    string? Number,
    string TimeZone);
