namespace Campaigns.Bench;

/// <summary>What a chaos run found: the figures it printed and every check that failed (none: passed).</summary>
internal sealed record ChaosReport(
    IReadOnlyList<string> Failures,
    int Recipients,
    int SentAtGateway,
    int DuplicateSends,
    int GapsUnderFloor,
    int AuditViolations,
    IReadOnlyDictionary<string, long> Statuses,
    string? Killed,
    int InFlightAtKill)
{
    public bool Passed => Failures.Count == 0;
}
