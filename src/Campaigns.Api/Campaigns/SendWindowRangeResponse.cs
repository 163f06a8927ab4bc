namespace Campaigns.Api.Campaigns;

/// <param name="Start"><c>HH:mm</c>.</param>
/// <param name="End"><c>HH:mm</c>; not after <paramref name="Start"/> when the range runs through midnight.</param>
internal sealed record SendWindowRangeResponse(string Start, string End);
