using System.Text.Json;

namespace Campaigns.Bench.Cluster;

/// <summary>The sandbox audit's violations, rule by rule, summed over every instance.</summary>
internal sealed record AuditSummary(IReadOnlyDictionary<string, int> Violations)
{
    public int Total => Violations.Values.Sum();

    public override string ToString() =>
        Total == 0 ? "0" : $"{Total} ({string.Join(", ", Violations.Where(v => v.Value > 0).Select(v => $"{v.Key} {v.Value}"))})";

    /// <summary>Reads <c>totals.violations</c> when the audit has it, else adds up each instance's <c>violations</c>.</summary>
    public static AuditSummary Of(JsonElement audit)
    {
        var sums = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (audit.TryGetProperty("totals", out var totals) && totals.TryGetProperty("violations", out var all))
        {
            Add(all, sums);
        }
        else
        {
            foreach (var instance in audit.GetProperty("instances").EnumerateArray())
            {
                Add(instance.GetProperty("violations"), sums);
            }
        }

        return new AuditSummary(sums);
    }

    private static void Add(JsonElement violations, SortedDictionary<string, int> sums)
    {
        foreach (var rule in violations.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number))
        {
            sums[rule.Name] = sums.GetValueOrDefault(rule.Name) + rule.Value.GetInt32();
        }
    }
}
