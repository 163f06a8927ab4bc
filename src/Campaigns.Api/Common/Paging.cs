namespace Campaigns.Api.Common;

/// <summary>Page sizes of list endpoints: <c>limit</c> defaults to 50 and is capped at 1,000.</summary>
internal static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    public static int Limit(int? requested) => Math.Clamp(requested ?? DefaultLimit, 1, MaxLimit);
}
