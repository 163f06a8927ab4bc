using System.Diagnostics.Metrics;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Engine.Precheck;

/// <summary>
/// The pre-check's instruments on meter <c>Campaigns</c>: <c>whatsappNumbers</c> calls by outcome, numbers checked by
/// the gateway by answer, and messages settled from the cache by answer.
/// </summary>
internal sealed class PrecheckMetrics
{
    private readonly Counter<long>? _lookups;
    private readonly Counter<long>? _numbers;
    private readonly Counter<long>? _cacheHits;

    /// <param name="meters">Where the instruments are published; null: nowhere (tests that build the engine by hand).</param>
    public PrecheckMetrics(IMeterFactory? meters = null)
    {
        if (meters is null)
        {
            return;
        }

        var meter = meters.Create(PreviewActivity.MeterName);
        _lookups = meter.CreateCounter<long>("campaigns.precheck.lookups", "{call}", "whatsappNumbers calls, by outcome (answered or the failure)");
        _numbers = meter.CreateCounter<long>("campaigns.precheck.numbers", "{number}", "Numbers checked by the gateway, by answer (on_whatsapp, not_on_whatsapp)");
        _cacheHits = meter.CreateCounter<long>("campaigns.precheck.cache_hits", "{message}", "Messages settled from number_checks without a call, by answer");
    }

    public void Lookup(string outcome) => _lookups?.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Checked(int onWhatsApp, int notOnWhatsApp)
    {
        _numbers?.Add(onWhatsApp, new KeyValuePair<string, object?>("answer", "on_whatsapp"));
        _numbers?.Add(notOnWhatsApp, new KeyValuePair<string, object?>("answer", "not_on_whatsapp"));
    }

    public void CacheHits(int onWhatsApp, int notOnWhatsApp)
    {
        _cacheHits?.Add(onWhatsApp, new KeyValuePair<string, object?>("answer", "on_whatsapp"));
        _cacheHits?.Add(notOnWhatsApp, new KeyValuePair<string, object?>("answer", "not_on_whatsapp"));
    }
}
