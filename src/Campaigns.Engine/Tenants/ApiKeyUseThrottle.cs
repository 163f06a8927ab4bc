using System.Collections.Concurrent;
using NodaTime;

namespace Campaigns.Engine.Tenants;

/// <summary>
/// Decides, in this process, whether a use of a key is worth recording: at most one in each <see cref="Resolution"/>
/// per key, so a key that makes hundreds of requests a minute costs one statement a minute, not one per request.
/// The statement itself is conditional as well (<see cref="ApiKeyStore.TouchAsync"/>), which keeps several processes to
/// one write a minute between them.
/// </summary>
internal sealed class ApiKeyUseThrottle(IClock clock)
{
    /// <summary>How precise a key's last use is: one minute (the same interval as the conditional update's).</summary>
    public static readonly Duration Resolution = Duration.FromMinutes(1);

    // Keys seen are remembered; past this many, those not used within the resolution are forgotten (they would be
    // written on their next use anyway), so memory follows the keys in use, not every key ever seen.
    private const int ForgetAbove = 10_000;

    private readonly ConcurrentDictionary<Guid, Instant> _recorded = new();

    /// <summary>True when this use of <paramref name="keyId"/> should be recorded; false when one was within the resolution.</summary>
    public bool ShouldRecord(Guid keyId)
    {
        var now = clock.GetCurrentInstant();
        while (true)
        {
            if (_recorded.TryGetValue(keyId, out var last))
            {
                if (now - last < Resolution)
                {
                    return false;
                }

                if (_recorded.TryUpdate(keyId, now, last))
                {
                    return true; // of two requests at once, one wins the update, the other loops and sees it
                }
            }
            else if (_recorded.TryAdd(keyId, now))
            {
                if (_recorded.Count > ForgetAbove)
                {
                    Forget(now);
                }

                return true;
            }
        }
    }

    private void Forget(Instant now)
    {
        foreach (var (key, last) in _recorded)
        {
            if (now - last >= Resolution)
            {
                _recorded.TryRemove(new KeyValuePair<Guid, Instant>(key, last));
            }
        }
    }
}
