namespace Campaigns.Api.Auth;

/// <summary>Reseller tokens: <c>POST /api/auth/token</c> (issue 12, part 4).</summary>
internal static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapAuthTokens(this IEndpointRouteBuilder api) => api;
}
