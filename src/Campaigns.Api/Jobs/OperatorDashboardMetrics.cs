using Campaigns.Engine.Jobs;
using Hangfire;
using Hangfire.Dashboard;

namespace Campaigns.Api.Jobs;

/// <summary>
/// The product's counters on the dashboard's home page (<see cref="OperatorCounters"/>, read from the database of the
/// host that serves the page).
/// </summary>
internal static class OperatorDashboardMetrics
{
    public static readonly DashboardMetric RunningCampaigns = new(
        "campaigns:running", "Running campaigns", page => Read(page, c => c.RunningCampaigns, MetricStyle.Info));

    public static readonly DashboardMetric SendsToday = new(
        "campaigns:sends-today", "Sends today", page => Read(page, c => c.SendsToday, MetricStyle.Success));

    public static readonly DashboardMetric PausedSenders = new(
        "campaigns:paused-senders", "Paused senders", page => Read(page, c => c.PausedSenders, MetricStyle.Warning));

    private static int _registered;

    /// <summary>Adds the counters to the home page, once per process: Hangfire's list of home-page metrics is process-wide.</summary>
    public static IGlobalConfiguration UseOperatorCounters(this IGlobalConfiguration configuration)
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            configuration.UseDashboardMetrics(RunningCampaigns, SendsToday, PausedSenders);
        }

        return configuration;
    }

    private static Metric Read(RazorPage page, Func<OperatorCounts, long> pick, MetricStyle style)
    {
        var counts = page.Context.GetHttpContext().RequestServices.GetRequiredService<OperatorCounters>().Read();
        var value = pick(counts);
        return new Metric(value) { Style = value > 0 ? style : MetricStyle.Default };
    }
}
