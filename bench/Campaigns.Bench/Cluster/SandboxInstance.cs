using System.Globalization;

namespace Campaigns.Bench.Cluster;

/// <summary>An open instance the sandbox starts with (configuration <c>Sandbox:Instances:N</c>), linked to <see cref="Number"/>.</summary>
internal sealed record SandboxInstance(string Name, string Token, string Number)
{
    /// <summary>
    /// <paramref name="count"/> instances <c>bench-1</c>…, linked to distinct Kenyan mobile numbers (+254 799 …) that no
    /// recipient of <see cref="CampaignScenario.Csv"/> has.
    /// </summary>
    public static IReadOnlyList<SandboxInstance> Numbered(int count) =>
        Enumerable.Range(1, count)
            .Select(i => new SandboxInstance(
                string.Create(CultureInfo.InvariantCulture, $"bench-{i}"),
                string.Create(CultureInfo.InvariantCulture, $"BENCH-{i}-TOKEN"),
                string.Create(CultureInfo.InvariantCulture, $"2547990{i:D5}")))
            .ToArray();
}
