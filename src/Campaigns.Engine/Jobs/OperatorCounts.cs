namespace Campaigns.Engine.Jobs;

/// <summary>What <see cref="OperatorCounters"/> read: campaigns running, messages sent today, senders paused.</summary>
internal sealed record OperatorCounts(long RunningCampaigns, long SendsToday, long PausedSenders);
