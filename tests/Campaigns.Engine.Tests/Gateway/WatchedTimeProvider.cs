using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Engine.Tests.Gateway;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer scheduled on it (created, or re-armed with
/// <see cref="ITimer.Change"/> as a pooled <see cref="CancellationTokenSource"/> does), so a test can wait until a retry
/// delay or an attempt timeout is armed before it advances time (advancing earlier would leave the timer waiting).
/// </summary>
internal sealed class WatchedTimeProvider : FakeTimeProvider, IDisposable
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();
    private readonly SemaphoreSlim _scheduled = new(0);

    public WatchedTimeProvider()
        : base(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The due times of every timer armed so far, in order.</summary>
    public IReadOnlyList<TimeSpan> DueTimes => _dueTimes.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this, base.CreateTimer(callback, state, dueTime, period));
        Scheduled(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer whose due time matches has been armed, and returns that due time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10)); // real time: a timer that never comes fails the test instead of hanging it
        while (true)
        {
            foreach (var dueTime in _dueTimes)
            {
                if (match(dueTime))
                {
                    return dueTime;
                }
            }

            await _scheduled.WaitAsync(deadline.Token);
        }
    }

    public void Dispose() => _scheduled.Dispose();

    private void Scheduled(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _dueTimes.Enqueue(dueTime);
            _scheduled.Release();
        }
    }

    private sealed class WatchedTimer(WatchedTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            owner.Scheduled(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
