namespace Campaigns.Engine.Database;

/// <summary>
/// A value read from the database at most once per <paramref name="cacheFor"/>, whatever the number of readers (a
/// dashboard polled by every open page, a metrics scrape storm). Thread-safe; a failed read is not cached.
/// </summary>
internal sealed class CachedReading<T>(TimeSpan cacheFor, TimeProvider time, Func<T> read)
{
    private readonly Lock _lock = new();
    private (T Value, long At)? _last;

    public T Get()
    {
        lock (_lock)
        {
            if (_last is { } last && time.GetElapsedTime(last.At) < cacheFor)
            {
                return last.Value;
            }

            var value = read();
            _last = (value, time.GetTimestamp());
            return value;
        }
    }
}
