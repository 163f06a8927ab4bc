using Campaigns.Bench.Cluster;

namespace Campaigns.Bench.Tests.Cluster;

/// <summary>Sandbox send records for the tests: instance, recipient digits, receipt offset in ms from a fixed moment.</summary>
internal static class Sends
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static long _sequence;

    public static SandboxSend Send(string instance, string recipient, double atMs, string outcome = "sent", string? senderNumber = null) =>
        new(
            Interlocked.Increment(ref _sequence),
            instance,
            recipient + "@s.whatsapp.net",
            recipient,
            "body " + recipient,
            T0.AddMilliseconds(atMs + 300), // when it left: after the latency
            "KEY" + recipient,
            outcome,
            T0.AddMilliseconds(atMs),
            senderNumber);
}
