using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Campaigns.Api.Common.OpenApi;

/// <summary>
/// Writes the <see cref="ProblemSchema"/> component, and declares on every <c>/api</c> operation the problems that any of
/// them can answer whatever its handler does: 401 (no or a wrong API key), 429 (the tenant's rate limit) and 503
/// (the database is down), the last two with <c>Retry-After</c>. The problems an operation's own handler answers
/// (400, 404, 409, 413) are declared at its endpoint with <c>ProducesProblem</c>.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiDocumentTransformer
{
    private static readonly (string Status, string Description, bool RetryAfter)[] EveryApiOperation =
    [
        ("401", "Unauthorized: no credential, an `apikey` that is not a key of any tenant, or a bearer token that is invalid, expired or whose key is revoked.", false),
        ("429", "Too Many Requests: the tenant is over its rate or concurrency limit; retry after `Retry-After` seconds.", true),
        ("503", "Service Unavailable: the database cannot be reached; retry after `Retry-After` seconds.", true),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema.Id] = ProblemSchema.Create();

        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || item.Operations is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                operation.Responses ??= [];
                foreach (var (status, description, retryAfter) in EveryApiOperation)
                {
                    operation.Responses.TryAdd(status, Response(document, description, retryAfter));
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A problem response (<see cref="ProblemSchema"/>), with <c>Retry-After</c> when <paramref name="retryAfter"/>.</summary>
    internal static OpenApiResponse Response(OpenApiDocument document, string description, bool retryAfter) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemSchema.ContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema.Id, document) },
        },
        Headers = retryAfter
            ? new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                },
            }
            : null,
    };
}
