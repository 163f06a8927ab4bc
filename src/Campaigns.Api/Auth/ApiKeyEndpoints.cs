namespace Campaigns.Api.Auth;

/// <summary>API keys as a tenant manages them: <c>/api/keys</c> (issue 12, part 3).</summary>
internal static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder api) => api;
}
