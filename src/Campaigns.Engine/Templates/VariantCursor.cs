namespace Campaigns.Engine.Templates;

/// <summary>
/// The variation planner's walk through every choice path of one group of recipients with the same data (the same
/// values of the variables the template reads, so the same path gives them the same body). Paths are visited in
/// order like an odometer over the last render's choices, round and round, so the least-used come first; when one
/// whole round finds every body full, the group is exhausted.
/// </summary>
internal sealed class VariantCursor
{
    private readonly List<int> _next = [];
    private long _visited;
    private long _roundLength = -1;
    private long _fullInARow;
    private HashSet<ulong>? _fullBodies;

    /// <summary>The path to try next.</summary>
    public IReadOnlyList<int> Next => _next;

    /// <summary>Whether every path of the group makes a body that is full (or fails).</summary>
    public bool Exhausted { get; private set; }

    /// <summary>The distinct bodies the group's paths make, known once it is exhausted.</summary>
    public long DistinctBodies { get; private set; }

    /// <summary>Recipients of the group left without a body of their own.</summary>
    public long OverLimit { get; set; }

    /// <summary>Moves past the path just rendered, whose choices were <paramref name="trace"/>.</summary>
    public void Advance(IReadOnlyList<ChoicePoint> trace)
    {
        _visited++;
        for (var i = trace.Count - 1; i >= 0; i--)
        {
            if (trace[i].Choice + 1 < trace[i].Count)
            {
                _next.Clear();
                for (var j = 0; j < i; j++)
                {
                    _next.Add(trace[j].Choice);
                }

                _next.Add(trace[i].Choice + 1);
                return;
            }
        }

        // Every choice was at its last option: a round is complete and the walk starts again at the first path.
        _next.Clear();
        if (_roundLength < 0)
        {
            _roundLength = _visited; // the walk began at the first path, so this is the number of paths
        }
    }

    /// <summary>The path just visited gave a body that could be used.</summary>
    public void Used()
    {
        _fullInARow = 0;
        _fullBodies?.Clear();
    }

    /// <summary>The path just visited gave a full body (<paramref name="bodyKey"/>), or failed (null).</summary>
    public void Full(ulong? bodyKey)
    {
        _fullInARow++;
        if (bodyKey is { } key)
        {
            (_fullBodies ??= []).Add(key);
        }

        if (_roundLength > 0 && _fullInARow >= _roundLength)
        {
            Exhausted = true;
            DistinctBodies = _fullBodies?.Count ?? 0;
            _fullBodies = null;
        }
    }
}
