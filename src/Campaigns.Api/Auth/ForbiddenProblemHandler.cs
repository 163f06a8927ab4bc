using Campaigns.Api.Common;
using Campaigns.Api.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Campaigns.Api.Auth;

/// <summary>
/// Answers an authenticated caller refused by <see cref="ApiScopes"/>' policies with a 403 problem that says why:
/// <c>auth.scope</c> naming the scope the endpoint needs and the token lacks (in <c>scope</c>), or
/// <c>auth.api_key_required</c> where only the API key may act. Every other outcome is the framework's.
/// </summary>
internal sealed class ForbiddenProblemHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden || context.GetEndpoint() is not { } endpoint)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).ToHashSet(StringComparer.Ordinal);
        var user = context.User;
        var where = $"{context.Request.Method} {context.Request.Path}";
        if (policies.Contains(ApiScopes.ApiKeyOnlyPolicy) && user.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName)
        {
            await WriteAsync(
                context, "auth.api_key_required",
                $"Only the API key (the 'apikey' header) may call {where}: a bearer token can neither make tokens nor manage keys.",
                scope: null);
            return;
        }

        var missing = ApiScopes.All.FirstOrDefault(scope => policies.Contains(ApiScopes.Policy(scope)) && !user.HasClaim(ApiScopes.Claim, scope));
        if (missing is not null)
        {
            await WriteAsync(
                context, "auth.scope",
                $"This token does not hold the scope '{missing}', which {where} needs. Ask for a token with it (POST /api/auth/token).",
                missing);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static async Task WriteAsync(HttpContext context, string code, string detail, string? scope) =>
        await ProblemWriter.WriteAsync(
            context, StatusCodes.Status403Forbidden, "Forbidden", code, detail,
            details: scope is null ? null : new Dictionary<string, object?> { ["scope"] = scope }); // the scope needed, for a client to ask for it
}
