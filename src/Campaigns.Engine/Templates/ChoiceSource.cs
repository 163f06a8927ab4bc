using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Templates;

/// <summary>
/// Makes the choices of one render (spintax groups and <c>pick</c>, in the order the render reaches them) and records
/// them. Either from the recipient's hash (<see cref="UseRecipient"/>: the recipient's own text, the same every time)
/// or along a given path (<see cref="UseForced"/>: the variation planner steering away from bodies already used
/// enough; choices past the path's end take option 0). A choice with one option is no choice and is not recorded.
/// Not thread-safe: one per renderer.
/// </summary>
internal sealed class ChoiceSource
{
    /// <summary>The most choices one render may make; more fails the render.</summary>
    public const int MaxChoices = 4_096;

    private readonly List<ChoicePoint> _trace = [];
    private readonly List<int> _forced = [];
    private ulong _recipient;
    private bool _isForced;

    /// <summary>The choices of the last render, in order.</summary>
    public IReadOnlyList<ChoicePoint> Trace => _trace;

    public bool IsFull => _trace.Count >= MaxChoices;

    public void UseRecipient(ulong recipientHash)
    {
        _recipient = recipientHash;
        _isForced = false;
        _trace.Clear();
    }

    public void UseForced(IReadOnlyList<int> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _forced.Clear();
        _forced.AddRange(path);
        _isForced = true;
        _trace.Clear();
    }

    /// <summary>The option, from 0 to <paramref name="count"/> − 1, of the next choice.</summary>
    public int Choose(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count == 1)
        {
            return 0;
        }

        var index = _trace.Count;
        var choice = _isForced
            ? (index < _forced.Count ? _forced[index] : 0) % count
            : ChoiceHash.Choose(_recipient, index, count);
        _trace.Add(new ChoicePoint(choice, count));
        return choice;
    }
}
