using Campaigns.Domain.Campaigns;

namespace Campaigns.Engine.Reports;

/// <summary>A tenant's sending statistics (<see cref="TenantStatsReader"/>).</summary>
/// <param name="SentToday">Messages the gateway accepted today (UTC day).</param>
/// <param name="Sent">Messages the gateway ever accepted (<c>sent_at</c> set), whatever became of them.</param>
/// <param name="Delivered">Of those, delivered or read.</param>
/// <param name="Read">Of those, read (or played).</param>
/// <param name="ByStatus">Every message counted by status; every status present.</param>
/// <param name="ByType">Messages the gateway accepted, by the campaign's kind of message: <c>text</c>, <c>image</c>, <c>video</c>, <c>audio</c>, <c>document</c>; every kind present.</param>
/// <param name="Daily">The last 30 UTC days, oldest first, today included.</param>
internal sealed record TenantStats(
    int SentToday,
    int Sent,
    int Delivered,
    int Read,
    IReadOnlyDictionary<MessageStatus, int> ByStatus,
    IReadOnlyDictionary<string, int> ByType,
    IReadOnlyList<DailyCounts> Daily)
{
    /// <summary>The kinds of message <see cref="ByType"/> counts.</summary>
    public static readonly string[] Types = ["text", "image", "video", "audio", "document"];

    /// <summary>Messages whose recipient replied, whatever their status.</summary>
    public int Replied { get; init; }

    /// <summary>Delivered (or read) ÷ accepted by the gateway; null before anything was.</summary>
    public double? DeliveryRate => Sent == 0 ? null : (double)Delivered / Sent;

    /// <summary>Read ÷ accepted by the gateway; null before anything was.</summary>
    public double? ReadRate => Sent == 0 ? null : (double)Read / Sent;
}
