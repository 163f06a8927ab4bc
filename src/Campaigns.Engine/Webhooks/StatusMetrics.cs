using System.Diagnostics.Metrics;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// Instruments of applying statuses and connection states on meter <c>Campaigns</c>: receipts by the status they report
/// and what came of them, and connection states applied to senders.
/// </summary>
internal sealed class StatusMetrics
{
    private readonly Counter<long>? _statuses;
    private readonly Counter<long>? _states;

    /// <param name="meters">Where the instruments are published; null: nowhere (tests that build parts by hand).</param>
    public StatusMetrics(IMeterFactory? meters = null)
    {
        if (meters is null)
        {
            return;
        }

        var meter = meters.Create(PreviewActivity.MeterName);
        _statuses = meter.CreateCounter<long>(
            "campaigns.webhooks.statuses", "{receipt}", "Message status receipts, by status (sent, delivered, read, failed) and result (moved, already, stale, unmatched, contended)");
        _states = meter.CreateCounter<long>(
            "campaigns.webhooks.connection_states", "{event}", "connection.update events applied to senders, by state");
    }

    public void Receipt(string status, ReceiptOutcome outcome) => _statuses?.Add(
        1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("result", Label(outcome)));

    public void State(string state) => _states?.Add(1, new KeyValuePair<string, object?>("state", state));

    private static string Label(ReceiptOutcome outcome) => outcome switch
    {
        ReceiptOutcome.Moved => "moved",
        ReceiptOutcome.AlreadyThere => "already",
        ReceiptOutcome.NoStepForward => "stale",
        ReceiptOutcome.NoMessage => "unmatched",
        _ => "contended",
    };
}
