namespace Campaigns.Sandbox.Faults;

/// <summary>The queue of injected faults; the first rule that matches a request serves it.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    /// <summary>Takes one use of the first rule for this instance (or for any instance), if there is one.</summary>
    public FaultRule? Take(string? instance)
    {
        lock (_gate)
        {
            var index = _rules.FindIndex(r => r.Instance is null || r.Instance == instance);
            if (index < 0)
            {
                return null;
            }

            var rule = _rules[index];
            if (rule.Remaining <= 1)
            {
                _rules.RemoveAt(index);
            }
            else
            {
                _rules[index] = rule with { Remaining = rule.Remaining - 1 };
            }

            return rule;
        }
    }

    public IReadOnlyList<FaultRule> Pending()
    {
        lock (_gate)
        {
            return [.. _rules];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }
}
