namespace Campaigns.Bench.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Range_MinDashMax_ReadsBoth()
    {
        var line = new CommandLine(["--latency", "500-3000"], new HashSet<string>());

        Assert.Equal((500, 3000), line.Range("latency", (0, 0)));
        Assert.Equal((1, 2), line.Range("jitter", (1, 2)));
    }

    [Fact]
    public void Settings_ColonInKey_BecomesTheEnvironmentSeparator()
    {
        var line = new CommandLine(["--api-setting", "Dispatch:MaxInFlight=900", "--keep", "--api-setting", "A=b=c"], new HashSet<string> { "keep" });

        Assert.Equal(new Dictionary<string, string> { ["Dispatch__MaxInFlight"] = "900", ["A"] = "b=c" }, line.Settings("api-setting"));
        Assert.True(line.Flag("keep"));
    }
}
