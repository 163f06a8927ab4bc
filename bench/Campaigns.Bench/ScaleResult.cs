namespace Campaigns.Bench;

/// <summary>What a scale run found wrong (nothing: it completed without duplicates or gaps under the floor).</summary>
internal sealed record ScaleResult(IReadOnlyList<string> Failures);
