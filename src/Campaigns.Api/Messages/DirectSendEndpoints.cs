namespace Campaigns.Api.Messages;

/// <summary>Direct sends: <c>POST /api/messages</c> and <c>GET /api/messages/{id}</c> (issue 12, part 1).</summary>
internal static class DirectSendEndpoints
{
    public static IEndpointRouteBuilder MapDirectSends(this IEndpointRouteBuilder api) => api;
}
