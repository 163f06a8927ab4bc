using System.Text.Json;
using Campaigns.Bench.Cluster;

namespace Campaigns.Bench.Tests.Cluster;

public sealed class AuditSummaryTests
{
    [Fact]
    public void Of_AuditWithTotals_ReadsTheTotals()
    {
        var audit = JsonDocument.Parse("""
            {"instances": [{"violations": {"gapsUnderFloor": 5}}],
             "totals": {"sends": 3, "violations": {"gapsUnderFloor": 1, "duplicates": 2}}}
            """).RootElement;

        var summary = AuditSummary.Of(audit);

        Assert.Equal(3, summary.Total);
        Assert.Equal("3 (duplicates 2, gapsUnderFloor 1)", summary.ToString());
    }

    [Fact]
    public void Of_AuditWithoutTotals_AddsUpTheInstances()
    {
        var audit = JsonDocument.Parse("""
            {"instances": [{"violations": {"gapsUnderFloor": 1, "overDailyCap": 0}}, {"violations": {"gapsUnderFloor": 2}}]}
            """).RootElement;

        Assert.Equal(3, AuditSummary.Of(audit).Total);
    }
}
