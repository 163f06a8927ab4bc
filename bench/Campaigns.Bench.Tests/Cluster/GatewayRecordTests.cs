using Campaigns.Bench.Cluster;
using static Campaigns.Bench.Tests.Cluster.Sends;

namespace Campaigns.Bench.Tests.Cluster;

public sealed class GatewayRecordTests
{
    private static readonly Dictionary<string, string> Numbers = new(StringComparer.Ordinal)
    {
        ["a"] = "254799000001",
        ["b"] = "254799000002",
        ["a-again"] = "254799000001", // the same phone registered as a second instance
    };

    [Fact]
    public void Of_TwoSendsOfOneNumberCloserThanTheFloor_CountsOneGapUnderTheFloor()
    {
        var record = GatewayRecord.Of([Send("a", "1", 0), Send("a", "2", 999), Send("a", "3", 2500)], Numbers, 1000);

        Assert.Equal((1, 999.0, 2), (record.GapsUnderFloor, record.SmallestGapMs, record.Pairs));
    }

    [Fact]
    public void Of_SendsOfTwoNumbersCloseTogether_CountsNoGapUnderTheFloor()
    {
        var record = GatewayRecord.Of([Send("a", "1", 0), Send("b", "2", 10), Send("a", "3", 1000), Send("b", "4", 1010)], Numbers, 1000);

        Assert.Equal((0, 2, 2), (record.GapsUnderFloor, record.Pairs, record.Numbers));
    }

    [Fact]
    public void Of_TwoInstancesOfOneNumber_MeasuresTheirSendsAsOneNumber()
    {
        var record = GatewayRecord.Of([Send("a", "1", 0), Send("a-again", "2", 400)], Numbers, 1000);

        Assert.Equal((1, 1), (record.GapsUnderFloor, record.Numbers));
    }

    [Fact]
    public void Of_SenderNumberRecordedByTheSandbox_TakesItOverTheInstance()
    {
        var record = GatewayRecord.Of([Send("x", "1", 0, senderNumber: "254799000009"), Send("y", "2", 400, senderNumber: "254799000009")], Numbers, 1000);

        Assert.Equal(1, record.GapsUnderFloor);
    }

    [Fact]
    public void Of_GapMeasuredOnReceipts_NotOnWhenTheSendsLeft()
    {
        // Received 1,200 ms apart; the first was answered late (it left at 2,000 ms), after the second left (1,500 ms).
        var late = Send("a", "1", 0) with { At = T0.AddMilliseconds(2000) };
        var record = GatewayRecord.Of([late, Send("a", "2", 1200) with { At = T0.AddMilliseconds(1500) }], Numbers, 1000);

        Assert.Equal((0, 1200.0), (record.GapsUnderFloor, record.SmallestGapMs));
    }

    [Fact]
    public void Of_RecipientSentTwice_CountsOneDuplicateAndNamesTheRecipient()
    {
        var record = GatewayRecord.Of([Send("a", "1", 0), Send("b", "1", 5000), Send("a", "2", 2000)], Numbers, 1000);

        Assert.Equal((1, 3), (record.DuplicateSends, record.Sent));
        Assert.Equal(["1"], record.DuplicatedRecipients);
    }

    [Fact]
    public void Of_RefusedAttemptThenSent_IsNoDuplicate()
    {
        var record = GatewayRecord.Of([Send("a", "1", 0, outcome: "connectionClosed"), Send("a", "1", 3000)], Numbers, 1000);

        Assert.Equal((0, 1, 2), (record.DuplicateSends, record.Sent, record.Attempts));
    }
}
