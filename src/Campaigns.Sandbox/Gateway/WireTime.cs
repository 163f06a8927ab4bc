using NodaTime;
using NodaTime.Text;

namespace Campaigns.Sandbox.Gateway;

/// <summary>Times as JavaScript's <c>toISOString()</c> writes them: <c>2025-01-01T12:00:00.000Z</c>.</summary>
internal static class WireTime
{
    private static readonly InstantPattern Pattern = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.fff'Z'");

    public static string Format(Instant instant) => Pattern.Format(instant);
}
