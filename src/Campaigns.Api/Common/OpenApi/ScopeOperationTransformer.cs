using System.Text.Json.Nodes;
using Campaigns.Api.Auth;
using Campaigns.Api.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Campaigns.Api.Common.OpenApi;

/// <summary>
/// Says on each operation what a bearer token needs to call it, from the endpoint's authorization policies: the scope
/// (<see cref="ApiScopes.RequireScope{TBuilder}"/>) as <c>x-scopes</c> and in the description, with the 403 a token
/// without it gets; or, for <see cref="ApiScopes.ApiKeyOnlyPolicy"/>, the API key as its only security scheme.
/// </summary>
internal sealed class ScopeOperationTransformer : IOpenApiOperationTransformer
{
    /// <summary>The bearer token's security scheme in the document's components.</summary>
    public const string BearerSchemeId = "Bearer";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
            .Select(data => data.Policy).ToHashSet(StringComparer.Ordinal);
        var scopes = ApiScopes.All.Where(scope => policies.Contains(ApiScopes.Policy(scope))).ToArray();
        string? forbidden = null;
        if (policies.Contains(ApiScopes.ApiKeyOnlyPolicy))
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [] },
            ];
            Append(operation, "Only with the API key: a bearer token is refused (403 `auth.api_key_required`).");
            forbidden = "Forbidden: a bearer token may not call this; only the API key may (`code` auth.api_key_required).";
        }
        else if (scopes.Length > 0)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-scopes"] = new JsonNodeExtension(new JsonArray([.. scopes.Select(scope => JsonValue.Create(scope))]));
            var named = string.Join(", ", scopes.Select(scope => $"`{scope}`"));
            Append(operation, $"Scope: {named} (a bearer token needs it; the API key holds every scope).");
            forbidden = $"Forbidden: the bearer token does not hold the scope {named} (`code` auth.scope, `scope` names it).";
        }

        if (forbidden is not null && context.Document is { } document)
        {
            operation.Responses ??= [];
            operation.Responses.TryAdd("403", ProblemResponsesTransformer.Response(document, forbidden, retryAfter: false));
        }

        return Task.CompletedTask;
    }

    private static void Append(OpenApiOperation operation, string text) =>
        operation.Description = string.IsNullOrEmpty(operation.Description) ? text : operation.Description + "\n\n" + text;
}
