using System.Globalization;

namespace Campaigns.Bench;

/// <summary>The <c>--name value</c> options of the <c>chaos</c> and <c>scale</c> commands (and repeated <c>--api-setting K=V</c>).</summary>
internal sealed class CommandLine
{
    /// <summary>The flags of the cluster commands: <c>--no-build</c> (the Release builds are there) and <c>--keep</c> (the database).</summary>
    public static readonly IReadOnlySet<string> ClusterFlags = new HashSet<string>(StringComparer.Ordinal) { "no-build", "keep" };

    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> arguments, IReadOnlySet<string> flags)
    {
        using var items = arguments.GetEnumerator();
        while (items.MoveNext())
        {
            var name = items.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{name}': options are --name value.");
            }

            name = name[2..];
            if (flags.Contains(name))
            {
                _flags.Add(name);
            }
            else if (items.MoveNext())
            {
                if (!_values.TryGetValue(name, out var list))
                {
                    _values[name] = list = [];
                }

                list.Add(items.Current);
            }
            else
            {
                throw new ArgumentException($"--{name} needs a value.");
            }
        }
    }

    public bool Flag(string name) => _flags.Contains(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v[^1], NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) ? double.Parse(v[^1], NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A range written <c>min-max</c> (or one value for both).</summary>
    public (int Min, int Max) Range(string name, (int Min, int Max) fallback)
    {
        if (!_values.TryGetValue(name, out var v))
        {
            return fallback;
        }

        var parts = v[^1].Split('-', 2);
        var min = int.Parse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture);
        var max = parts.Length == 2 ? int.Parse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture) : min;
        return min <= max ? (min, max) : throw new ArgumentException($"--{name}: {min} is over {max}.");
    }

    /// <summary>Every <c>--name Key=Value</c>, as environment-variable configuration (<c>:</c> written as <c>__</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings(string name) =>
        (_values.GetValueOrDefault(name) ?? [])
            .Select(s => s.Split('=', 2) is [var key, var value] ? (key.Replace(":", "__", StringComparison.Ordinal), value)
                : throw new ArgumentException($"--{name} takes Key=Value, not '{s}'."))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
}
