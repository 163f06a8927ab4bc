namespace Campaigns.Api.Reports;

/// <summary>Messages the gateway accepted, by the kind of message of their campaign.</summary>
internal sealed record MessageTypeCountsResponse(int Text, int Image, int Video, int Audio, int Document)
{
    public static MessageTypeCountsResponse From(IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int Of(string type) => counts.TryGetValue(type, out var count) ? count : 0;
        return new(Of("text"), Of("image"), Of("video"), Of("audio"), Of("document"));
    }
}
