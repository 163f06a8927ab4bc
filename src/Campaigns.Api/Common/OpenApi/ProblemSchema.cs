using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Campaigns.Api.Common.OpenApi;

/// <summary>
/// The one schema of every problem answer (RFC 9457 plus the fields <see cref="ErrorResults"/> adds), named
/// <c>Problem</c> in the document so that generated clients get one typed exception for every 4xx and 5xx.
/// </summary>
internal static class ProblemSchema
{
    public const string Id = "Problem";

    public const string ContentType = "application/problem+json";

    public static OpenApiSchema Create() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. `code` is stable and machine-readable; `field` names the request field at fault, "
            + "and `errors` maps each field to its messages. Some problems carry more members (e.g. `problems`, `invalid`, `campaignStatus`).",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI reference identifying the problem type."),
            ["title"] = Text("A short summary of the problem type."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "What went wrong with this request, for a person.",
                // Kiota makes this the generated exception's Message.
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-ms-primary-error-message"] = new JsonNodeExtension(JsonValue.Create(true)) },
            },
            ["instance"] = Text("A URI reference identifying this occurrence."),
            ["code"] = Text("A stable code, e.g. `not_found`, `campaign.invalid`, `request.unreadable`."),
            ["field"] = Text("The request field at fault, when there is one."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Each request field at fault with its messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
        AdditionalPropertiesAllowed = true,
        AdditionalProperties = new OpenApiSchema(),
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
