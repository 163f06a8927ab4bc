using System.Diagnostics.Metrics;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// The dispatcher's instruments on meter <c>Campaigns</c>: sends by outcome, failures by reason, the gap between two
/// sends of a number, the due numbers a claim saw, how late a claim took a number after its <c>next_send_at</c>,
/// reach-out timelocks that began and the health guard's pauses.
/// </summary>
internal sealed class DispatchMetrics
{
    private readonly Counter<long>? _sends;
    private readonly Counter<long>? _failures;
    private readonly Histogram<double>? _gap;
    private readonly Histogram<double>? _claimLag;
    private readonly Counter<long>? _restrictions;
    private readonly Counter<long>? _healthPauses;
    private int _due;

    /// <param name="meters">Where the instruments are published; null: nowhere (tests that build the engine by hand).</param>
    public DispatchMetrics(IMeterFactory? meters = null)
    {
        if (meters is null)
        {
            return;
        }

        var meter = meters.Create(PreviewActivity.MeterName);
        _sends = meter.CreateCounter<long>("campaigns.dispatch.sends", "{send}", "Sends finished, by outcome (sent, failed, requeued, reconcile)");
        _failures = meter.CreateCounter<long>("campaigns.dispatch.failures", "{failure}", "Gateway failures of sends, by reason");
        _gap = meter.CreateHistogram<double>("campaigns.dispatch.gap", "ms", "Time between two sends of one number (upper bounds of departure)");
        _claimLag = meter.CreateHistogram<double>("campaigns.dispatch.claim_lag", "ms", "How late a number was claimed after its next_send_at");
        _restrictions = meter.CreateCounter<long>("campaigns.dispatch.restrictions", "{lock}", "Reach-out timelocks (463) that began on a sender");
        _healthPauses = meter.CreateCounter<long>("campaigns.dispatch.health_pauses", "{pause}", "Senders paused by the health guard, by reason");
        meter.CreateObservableGauge("campaigns.dispatch.due", () => Volatile.Read(ref _due), "{number}", "Due numbers seen by the last claim");
    }

    public void Sent(string outcome) => _sends?.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Failed(string reason) => _failures?.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Gap(double milliseconds) => _gap?.Record(milliseconds);

    public void ClaimLag(double milliseconds) => _claimLag?.Record(milliseconds);

    public void Restricted(int locks)
    {
        if (locks > 0)
        {
            _restrictions?.Add(locks);
        }
    }

    public void HealthPaused(string reason) => _healthPauses?.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Due(int numbers) => Volatile.Write(ref _due, numbers);
}
