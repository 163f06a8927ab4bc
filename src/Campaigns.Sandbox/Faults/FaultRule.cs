namespace Campaigns.Sandbox.Faults;

/// <summary>"The next <paramref name="Remaining"/> gateway requests (of <paramref name="Instance"/>, or of any) get <paramref name="Kind"/>".</summary>
internal sealed record FaultRule(FaultKind Kind, int Remaining, int RetryAfterSeconds, string? Instance);
