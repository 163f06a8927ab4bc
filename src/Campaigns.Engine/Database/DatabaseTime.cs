using NodaTime;

namespace Campaigns.Engine.Database;

internal static class DatabaseTime
{
    /// <summary>
    /// The current instant at PostgreSQL's precision (microseconds), so that what an endpoint answers after storing a
    /// moment equals what a later read returns.
    /// </summary>
    public static Instant Now(this IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Instant.FromUnixTimeTicks(clock.GetCurrentInstant().ToUnixTimeTicks() / 10 * 10);
    }
}
