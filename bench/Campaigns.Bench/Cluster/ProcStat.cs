using System.Globalization;

namespace Campaigns.Bench.Cluster;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> the bench reads (fields 4 and 14–17), times in clock ticks.</summary>
internal sealed record ProcStat(int ParentPid, long UserTicks, long SystemTicks, long ChildUserTicks, long ChildSystemTicks)
{
    /// <summary>Reads a stat line (proc(5)): field N is the Nth space-separated value, counting the command as field 2.</summary>
    public static ProcStat Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);

        // The command (field 2) is in parentheses and may hold spaces and parentheses: fields are counted after the last ')'.
        var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new ProcStat((int)Field(4), Field(14), Field(15), Field(16), Field(17));
    }
}
