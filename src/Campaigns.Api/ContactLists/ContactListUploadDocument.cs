using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Campaigns.Api.ContactLists;

/// <summary>
/// Describes the upload's multipart/form-data body in the OpenAPI document. The endpoint reads the form itself
/// (streaming, to answer 413 and name the field at fault), so there is no bound parameter to describe it; and declaring
/// <c>Accepts</c> would make routing answer other content types with a bare 415 before the endpoint can explain.
/// Only <c>file</c> is required; the other fields may be left out (nullable, so that generated clients do too).
/// </summary>
internal static class ContactListUploadDocument
{
    public const string OperationId = "ImportContactList";

    /// <summary>An endpoint operation transformer (<c>AddOpenApiOperationTransformer</c>).</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = Field("The CSV file. A header row is required; the delimiter (, ; tab |) and encoding (UTF-8, UTF-16 with BOM, Windows-1252) are detected.", "binary"),
                            ["name"] = OptionalField("The list's name; defaults to the file name."),
                            ["defaultRegion"] = OptionalField("ISO 3166 alpha-2 region for numbers written without a country code; defaults to configuration (KE)."),
                            ["phoneColumn"] = OptionalField("The header of the phone column; found by name (phone, mobile, msisdn, whatsapp, cell, tel…) when absent."),
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Field(string description, string? format = null) =>
        new() { Type = JsonSchemaType.String, Format = format, Description = description };

    private static OpenApiSchema OptionalField(string description) =>
        new() { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = description };
}
