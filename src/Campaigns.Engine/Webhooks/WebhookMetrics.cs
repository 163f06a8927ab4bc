using System.Diagnostics.Metrics;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// The webhooks' instruments on meter <c>Campaigns</c>: received at the receiver (by event and outcome), processed (by
/// outcome: applied, ignored, unmatched, failed), <c>campaigns.webhooks.unmatched</c> on its own, rows the retention
/// deleted unprocessed, and the apply lag (received → processed) of applied and ignored events.
/// </summary>
internal sealed class WebhookMetrics
{
    private readonly Counter<long>? _received;
    private readonly Counter<long>? _processed;
    private readonly Counter<long>? _unmatched;
    private readonly Counter<long>? _expired;
    private readonly Histogram<double>? _lag;

    /// <param name="meters">Where the instruments are published; null: nowhere (tests that build the engine by hand).</param>
    public WebhookMetrics(IMeterFactory? meters = null)
    {
        if (meters is null)
        {
            return;
        }

        var meter = meters.Create(PreviewActivity.MeterName);
        _received = meter.CreateCounter<long>("campaigns.webhooks.received", "{event}", "Webhooks received, by event and outcome (stored, duplicate, coalesced, not_stored)");
        _processed = meter.CreateCounter<long>("campaigns.webhooks.processed", "{event}", "Stored webhooks processed, by outcome (applied, ignored, unmatched, failed)");
        _unmatched = meter.CreateCounter<long>("campaigns.webhooks.unmatched", "{event}", "Webhooks dropped because nothing they name appeared within Webhooks:UnmatchedAfter");
        _expired = meter.CreateCounter<long>("campaigns.webhooks.expired", "{event}", "Webhooks deleted unprocessed after Webhooks:MaxAge");
        _lag = meter.CreateHistogram<double>("campaigns.webhooks.apply_lag", "s", "From a webhook's arrival to its being applied (or ignored)");
    }

    public void Received(string eventName, string outcome) =>
        _received?.Add(1, new KeyValuePair<string, object?>("event", eventName), new KeyValuePair<string, object?>("outcome", outcome));

    public void Processed(string outcome, int count)
    {
        if (count == 0)
        {
            return;
        }

        _processed?.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome == WebhookOutcomes.Unmatched)
        {
            _unmatched?.Add(count);
        }
    }

    public void Lag(double seconds) => _lag?.Record(seconds);

    public void Expired(int count) => _expired?.Add(count);
}
