namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Hands messages out one at a time to the sender holding the fewest so far; ties go to the earlier one in the given
/// order (the campaign's). Assignment (<see cref="AssignRecipientsJob"/>) and failover
/// (<see cref="Dispatch.DispatchFailoverJob"/>) spread messages with it, so the counts differ by at most one apart from
/// what the starting counts already tipped.
/// </summary>
internal sealed class FewestFirst
{
    private readonly Guid[] _senders;
    private readonly long[] _counts;
    private readonly PriorityQueue<int, (long Count, int Position)> _fewest;

    /// <param name="senders">The senders, in the campaign's order; at least one.</param>
    /// <param name="counts">What each already holds (same order); this instance counts on from them.</param>
    public FewestFirst(Guid[] senders, long[] counts)
    {
        ArgumentNullException.ThrowIfNull(senders);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfZero(senders.Length);
        ArgumentOutOfRangeException.ThrowIfNotEqual(counts.Length, senders.Length);
        _senders = senders;
        _counts = (long[])counts.Clone();
        _fewest = new(Enumerable.Range(0, senders.Length).Select(i => (i, (_counts[i], i))));
    }

    /// <summary>The sender that takes the next message.</summary>
    public Guid Next()
    {
        var next = _fewest.Dequeue();
        _fewest.Enqueue(next, (++_counts[next], next));
        return _senders[next];
    }
}
