using System.Diagnostics.Metrics;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// How many previews are planning right now in this process, so that "the server is idle again" can be seen: tests
/// read <see cref="Running"/>, operators the <c>campaigns.previews.running</c> instrument of meter <c>Campaigns</c>.
/// A preview counts from its first contact until its loop has stopped (finished, out of budget, or aborted). Thread-safe.
/// </summary>
internal sealed class PreviewActivity
{
    public const string MeterName = "Campaigns";

    private int _running;

    /// <param name="meters">Where the instrument is published; null: nowhere (tests that build the engine by hand).</param>
    public PreviewActivity(IMeterFactory? meters = null) =>
        meters?.Create(MeterName).CreateObservableUpDownCounter(
            "campaigns.previews.running", () => Running, unit: "{preview}", description: "Previews planning a list right now");

    public int Running => Volatile.Read(ref _running);

    /// <summary>Counts a preview until the returned scope is disposed.</summary>
    public Scope Enter()
    {
        Interlocked.Increment(ref _running);
        return new Scope(this);
    }

    public readonly struct Scope(PreviewActivity activity) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref activity._running);
    }
}
