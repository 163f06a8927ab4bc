using System.Security.Claims;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Api.Auth;

/// <summary>Reseller tokens: <c>POST /api/auth/token</c> (issue 12, part 4).</summary>
internal static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapAuthTokens(this IEndpointRouteBuilder api)
    {
        // Only an API key makes tokens: a token that could mint tokens would outlive any expiry given to it.
        api.MapPost("/auth/token", Issue).WithTags("Auth").WithName("IssueToken")
            .WithSummary("Make a bearer token from the API key: signed, with the scopes asked for (default all) and a lifetime (default and most: the server's, 30 days unless configured); it dies with its key")
            .RequireAuthorization(ApiScopes.ApiKeyOnlyPolicy)
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return api;
    }

    private static Results<Ok<TokenResponse>, ProblemHttpResult> Issue(
        TokenRequest? request, ClaimsPrincipal user, TokenKeyRing keys, TokenIssuer issuer, ILoggerFactory loggers)
    {
        if (!keys.IsEnabled)
        {
            const string detail = "This server makes no tokens: no signing key is configured (Tokens:SigningKeys). Use the API key.";
            return TypedResults.Problem(
                detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                extensions: ErrorResults.Extensions("auth.tokens_disabled", null, detail));
        }

        var result = issuer.Issue(user.TenantId(), user.ApiKeyId(), request?.Scopes, request?.ExpiresIn, request?.Name);
        if (!result.IsSuccess)
        {
            return ErrorResults.ToProblem(result.Error);
        }

        var token = result.Value;
        var logger = loggers.CreateLogger(typeof(TokenEndpoints));
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.TokenIssued(token.Id, user.TenantId().Value, user.ApiKeyId(), string.Join(' ', token.Scopes), token.ExpiresIn);
        }

        return TypedResults.Ok(new TokenResponse(token.Token, "Bearer", token.ExpiresIn, token.Scopes));
    }
}
