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
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
        });

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "Campaigns API";
        document.Info.Description = "Bulk WhatsApp campaigns with ban-avoidance pacing. Every /api call carries the tenant's key in the 'apikey' header.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] }];
    }
}
