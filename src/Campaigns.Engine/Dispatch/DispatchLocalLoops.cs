namespace Campaigns.Engine.Dispatch;

/// <summary>The dispatch loops this process (this host) runs right now, bounded by <see cref="DispatchOptions.MaxLoopsPerProcess"/>.</summary>
internal sealed class DispatchLocalLoops
{
    private int _running;

    /// <summary>The loops running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Counts one more loop unless <paramref name="max"/> run already; false then.</summary>
    public bool TryEnter(int max)
    {
        while (true)
        {
            var running = Volatile.Read(ref _running);
            if (running >= max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _running, running + 1, running) == running)
            {
                return true;
            }
        }
    }

    public void Exit() => Interlocked.Decrement(ref _running);
}
