namespace Campaigns.Bench.Cluster;

/// <summary>
/// What the sandbox's record of sends shows, per number and per recipient: the gaps between consecutive receipts of one
/// sender number's sends (every attempt that reached the network counts: the floor holds for attempts too) and the
/// recipients sent to more than once.
/// </summary>
internal sealed record GatewayRecord(
    int Attempts,
    int Sent,
    int Numbers,
    int GapsUnderFloor,
    double SmallestGapMs,
    int Pairs,
    int DuplicateSends,
    IReadOnlyList<string> DuplicatedRecipients,
    IReadOnlyDictionary<string, int> SentByRecipient)
{
    /// <summary>
    /// Reads <paramref name="sends"/>; a send's number is the sandbox's <c>senderNumber</c>, else its instance's
    /// linked number from <paramref name="numberOfInstance"/>, else the instance's name.
    /// </summary>
    public static GatewayRecord Of(IReadOnlyList<SandboxSend> sends, IReadOnlyDictionary<string, string> numberOfInstance, double floorMs)
    {
        ArgumentNullException.ThrowIfNull(sends);
        var underFloor = 0;
        var pairs = 0;
        var smallest = double.PositiveInfinity;
        var byNumber = sends.GroupBy(s => s.SenderNumber ?? numberOfInstance.GetValueOrDefault(s.Instance) ?? s.Instance, StringComparer.Ordinal).ToArray();
        foreach (var number in byNumber)
        {
            var ordered = number.OrderBy(s => s.Receipt).ThenBy(s => s.Sequence).ToArray();
            for (var i = 1; i < ordered.Length; i++)
            {
                var gap = (ordered[i].Receipt - ordered[i - 1].Receipt).TotalMilliseconds;
                pairs++;
                smallest = Math.Min(smallest, gap);
                if (gap < floorMs)
                {
                    underFloor++;
                }
            }
        }

        var sentByRecipient = sends.Where(s => s.WasSent)
            .GroupBy(s => s.RecipientDigits, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var duplicated = sentByRecipient.Where(r => r.Value > 1).Select(r => r.Key).Order(StringComparer.Ordinal).ToArray();
        return new GatewayRecord(
            sends.Count,
            sentByRecipient.Values.Sum(),
            byNumber.Length,
            underFloor,
            pairs == 0 ? double.NaN : smallest,
            pairs,
            sentByRecipient.Values.Sum(c => c - 1),
            duplicated,
            sentByRecipient);
    }
}
