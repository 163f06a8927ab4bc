namespace Campaigns.Api.Messages;

/// <summary>Bulk sends: <c>POST /api/messages/bulk</c>, a campaign without a CSV (issue 12, part 2).</summary>
internal static class BulkSendEndpoints
{
    public static IEndpointRouteBuilder MapBulkSends(this IEndpointRouteBuilder api) => api;
}
