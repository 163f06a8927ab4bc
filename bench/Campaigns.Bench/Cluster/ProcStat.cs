namespace Campaigns.Bench.Cluster;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> the bench reads (fields 4 and 14–17), times in clock ticks.</summary>
internal sealed record ProcStat(int ParentPid, long UserTicks, long SystemTicks, long ChildUserTicks, long ChildSystemTicks);
