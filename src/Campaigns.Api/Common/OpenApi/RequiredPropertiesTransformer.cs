using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Campaigns.Api.Common.OpenApi;

/// <summary>
/// Takes every property that may be null off its schema's <c>required</c> list. The schema generator lists each
/// constructor parameter without a default as required, nullable or not; for a request that makes generated clients
/// send every optional field as <c>null</c> (which a merge-patch reads as "clear"), and for an answer it promises a
/// member the client must then treat as possibly missing anyway. Properties that cannot be null stay required.
/// </summary>
internal sealed class RequiredPropertiesTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (schema.Required is not { Count: > 0 } required || schema.Properties is null)
            {
                continue;
            }

            foreach (var name in required.Where(name => !schema.Properties.TryGetValue(name, out var property) || IsNullable(property)).ToArray())
            {
                required.Remove(name);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether the schema admits null: <c>type</c> includes it, or one of its <c>oneOf</c>/<c>anyOf</c> is null.</summary>
    public static bool IsNullable(IOpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema is OpenApiSchemaReference)
        {
            return false; // a component: nullable only through a oneOf around the reference
        }

        return schema.Type?.HasFlag(JsonSchemaType.Null) == true
               || schema.OneOf?.Any(IsNullable) == true
               || schema.AnyOf?.Any(IsNullable) == true;
    }
}
