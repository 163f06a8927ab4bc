using System.Diagnostics;
using System.Globalization;

namespace Campaigns.Bench.Cluster;

/// <summary>
/// CPU time of processes from <c>/proc/&lt;pid&gt;/stat</c> (Linux): user + system time in clock ticks
/// (<c>getconf CLK_TCK</c>, 100 on every Linux this runs on).
/// </summary>
internal static class ProcessCpu
{
    private static readonly Lazy<double> TicksPerSecond = new(ReadTicksPerSecond);

    /// <summary>The fields of one process's stat line that the bench reads; null when the process is gone.</summary>
    public static ProcStat? Read(int pid)
    {
        string line;
        try
        {
            line = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return ProcStat.Parse(line);
    }

    /// <summary>CPU-seconds one process has used so far (its own, not its children's); 0 when it is gone.</summary>
    public static double Seconds(int pid) => Read(pid) is { } stat ? (stat.UserTicks + stat.SystemTicks) / TicksPerSecond.Value : 0;

    /// <summary>
    /// CPU-seconds PostgreSQL has used so far: the postmaster's own and its reaped children's (utime + stime + cutime +
    /// cstime), plus the live children's (backends, autovacuum, the writers). Differences of two readings are the cost
    /// of what ran between them, whichever backends came and went.
    /// </summary>
    public static double PostgresSeconds(int postmaster)
    {
        if (Read(postmaster) is not { } own)
        {
            return 0;
        }

        var ticks = own.UserTicks + own.SystemTicks + own.ChildUserTicks + own.ChildSystemTicks;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { ParentPid: var parent } child && parent == postmaster)
            {
                ticks += child.UserTicks + child.SystemTicks;
            }
        }

        return ticks / TicksPerSecond.Value;
    }

    private static double ReadTicksPerSecond()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("getconf", ["CLK_TCK"]) { RedirectStandardOutput = true });
            var text = process?.StandardOutput.ReadToEnd().Trim();
            process?.WaitForExit();
            return double.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100; // no getconf: USER_HZ is 100 on Linux
        }
    }
}
