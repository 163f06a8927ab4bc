using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Engine.Tests.Gateway;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports the timers created on it, so a test can wait until a retry delay or
/// an attempt timeout has been scheduled before it advances time (advancing earlier would leave the timer waiting).
/// </summary>
internal sealed class WatchedTimeProvider : FakeTimeProvider, IDisposable
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();
    private readonly SemaphoreSlim _created = new(0);

    public WatchedTimeProvider()
        : base(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The due times of every timer created so far, in order.</summary>
    public IReadOnlyList<TimeSpan> DueTimes => _dueTimes.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _dueTimes.Enqueue(dueTime);
        _created.Release();
        return timer;
    }

    /// <summary>Waits until a timer whose due time matches has been created, and returns that due time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10)); // real time: a missing timer fails the test instead of hanging it
        while (true)
        {
            foreach (var dueTime in _dueTimes)
            {
                if (match(dueTime))
                {
                    return dueTime;
                }
            }

            await _created.WaitAsync(deadline.Token);
        }
    }

    public void Dispose() => _created.Dispose();
}
