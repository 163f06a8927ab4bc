using System.Security.Claims;
using Campaigns.Api.Common;
using Campaigns.Api.Common.OpenApi;
using Campaigns.Api.Tenants;
using Campaigns.Engine.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Api.Auth;

/// <summary>
/// API keys as a tenant manages them: <c>/api/keys</c> (issue 12, part 3). Only a caller authenticated by an API key may
/// use them (<see cref="ApiScopes.ApiKeyOnlyPolicy"/>): a token, even one with every scope, cannot make or revoke keys.
/// </summary>
internal static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("API keys").RequireAuthorization(ApiScopes.ApiKeyOnlyPolicy);
        group.MapGet("/", List).WithName("ListApiKeys")
            .WithSummary("The tenant's API keys, newest first, revoked ones included, each with its last use (keyset paging: 'after' is the 'next' of the previous page)")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", Get).WithName("GetApiKey").WithSummary("One of the tenant's API keys")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/", Create).WithName("CreateApiKey")
            .WithSummary("Make a named API key; the answer holds the key itself, shown this once only")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", Revoke).WithName("RevokeApiKey")
            .WithSummary("Revoke an API key: it and every token made from it are refused from now on. Revoking a revoked key changes nothing; the tenant's last active key cannot be revoked (409)")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<Page<ApiKeyResponse>>> List(
        ClaimsPrincipal user, ApiKeyStore keys, int? limit, Guid? after, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var page = await keys.ListAsync(user.TenantId(), size, after, cancellationToken);
        var next = page.Count == size ? page[^1].Id.ToString() : null;
        var current = user.ApiKeyId();
        return TypedResults.Ok(new Page<ApiKeyResponse>(page.Select(key => ApiKeyResponse.From(key, current)).ToArray(), next));
    }

    private static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken) =>
        await keys.FindAsync(user.TenantId(), id, cancellationToken) is { } key
            ? TypedResults.Ok(ApiKeyResponse.From(key, user.ApiKeyId()))
            : ErrorResults.ToProblem(ApiKeyErrors.NotFound());

    private static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> Create(
        CreateApiKeyRequest request, ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var name = ApiKeyName.Parse(request.Name);
        if (!name.IsSuccess)
        {
            return ErrorResults.ToProblem(name.Error);
        }

        var result = await keys.CreateAsync(user.TenantId(), name.Value, cancellationToken);
        if (!result.IsSuccess)
        {
            return ErrorResults.ToProblem(result.Error);
        }

        var (key, secret) = result.Value;
        return TypedResults.Created(
            $"/api/keys/{key.Id}", new CreatedApiKeyResponse(key.Id, key.Name, key.Prefix, secret, key.CreatedAt.ToDateTimeOffset()));
    }

    private static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> Revoke(
        Guid id, ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var result = await keys.RevokeAsync(user.TenantId(), id, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(ApiKeyResponse.From(result.Value, user.ApiKeyId())) : ErrorResults.ToProblem(result.Error);
    }
}
