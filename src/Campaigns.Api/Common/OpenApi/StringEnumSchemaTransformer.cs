using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Campaigns.Api.Common.OpenApi;

/// <summary>
/// Gives enums written by name (the JSON options' <c>JsonStringEnumConverter</c>) <c>type: string</c>: without it the
/// document lists the names but no type, and generators make integer enums that cannot read the answers.
/// </summary>
internal sealed class StringEnumSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && schema.Enum is { Count: > 0 } values
            && values.All(v => v is null || v.GetValueKind() is JsonValueKind.String or JsonValueKind.Null))
        {
            var nullable = values.Any(v => v is null || v.GetValueKind() == JsonValueKind.Null);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }
}
