using System.Diagnostics;
using Campaigns.Bench.Cluster;

namespace Campaigns.Bench.Tests.Cluster;

public sealed class ProcStatTests
{
    [Fact]
    public void Parse_CommandWithSpacesAndParentheses_CountsFieldsAfterTheLastParenthesis()
    {
        const string line = "4242 (dotnet (x) y) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 75 12 3 20 0 24 0 1000 0 0";

        Assert.Equal(new ProcStat(17, 250, 75, 12, 3), ProcStat.Parse(line));
    }

    [Fact]
    public void Read_ChildProcess_NamesThisProcessAsItsParent()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", ["5"]))!;
        try
        {
            Assert.Equal(Environment.ProcessId, ProcessCpu.Read(child.Id)?.ParentPid);
        }
        finally
        {
            child.Kill();
        }
    }
}
