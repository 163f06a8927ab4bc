using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Campaigns.Api.Webhooks;

/// <summary>
/// Describes the webhook's body in the OpenAPI document: an Evolution API event envelope. The endpoint reads the body
/// itself (any content type, since it is stored as it came), so there is no bound parameter to describe it, and
/// <c>Accepts</c> would make routing refuse other content types with a bare 415. The endpoint needs no API key.
/// </summary>
internal static class WebhookDocument
{
    public const string SchemaId = "EvolutionWebhook";

    /// <summary>An endpoint operation transformer (<c>AddOpenApiOperationTransformer</c>).</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var document = context.Document ?? throw new InvalidOperationException("The operation has no document.");
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[SchemaId] = Envelope();
        operation.Security = []; // the secret in the URL is the credential, not the tenant's key
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The event as Evolution posts it (at most Webhooks:MaxPayloadBytes, 1 MiB). Stored without `apikey` and `destination`, applied later.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(SchemaId, document) },
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Envelope() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An Evolution API webhook event. Only `event` is read on arrival; the whole object is kept.",
        Required = new HashSet<string> { "event" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["event"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "`messages.update`, `messages.upsert`, `send.message`, `connection.update`, …" },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The Evolution instance's name." },
            ["data"] = new OpenApiSchema { Description = "The event's data, whose shape depends on the event." },
            ["date_time"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["sender"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["server_url"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
        },
        AdditionalPropertiesAllowed = true,
        AdditionalProperties = new OpenApiSchema(),
    };
}
