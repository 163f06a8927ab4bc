using Campaigns.Api.Tenants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Campaigns.Api.Common.OpenApi;

internal static class OpenApiServiceCollectionExtensions
{
    /// <summary>
    /// The document at <c>/openapi/v1.json</c>, made true enough for generated clients (NSwag, Kiota): one
    /// <see cref="ProblemSchema"/> for every problem, enums typed as strings, nullable members not required, the API key.
    /// </summary>
    public static IServiceCollection AddCampaignsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = type => type.Type == typeof(ProblemDetails)
                ? ProblemSchema.Id
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddSchemaTransformer<StringEnumSchemaTransformer>();
            options.AddDocumentTransformer<ProblemResponsesTransformer>();
            options.AddDocumentTransformer<RequiredPropertiesTransformer>();
            options.AddOperationTransformer<ScopeOperationTransformer>();
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
        });

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "Campaigns API";
        document.Info.Description = "Bulk WhatsApp campaigns with ban-avoidance pacing. Every /api call carries either the tenant's key in the "
            + "'apikey' header (it may do everything) or a bearer token made from it by POST /api/auth/token in 'Authorization: Bearer' "
            + "(it may do what its scopes allow: each operation names the scope it needs in x-scopes; it dies when its key is revoked).";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "The tenant's API key: every scope.",
        };
        document.Components.SecuritySchemes[ScopeOperationTransformer.BearerSchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token from POST /api/auth/token: the scopes it was made with, until it expires or its API key is revoked.",
        };
        // Either scheme (two requirements: one of them must be met).
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ScopeOperationTransformer.BearerSchemeId, document)] = [] },
        ];
    }
}
