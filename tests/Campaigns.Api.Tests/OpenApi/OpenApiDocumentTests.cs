using Microsoft.OpenApi;

namespace Campaigns.Api.Tests.OpenApi;

/// <summary>The OpenAPI document read with Microsoft.OpenApi's reader and checked like a linter would.</summary>
public sealed class OpenApiDocumentTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string ProblemContentType = "application/problem+json";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_EveryApiOperation_DeclaresUnauthorizedTooManyRequestsAndUnavailable()
    {
        var document = await ReadAsync();

        foreach (var (name, _, operation) in Operations(document).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var status in new[] { "401", "429", "503" })
            {
                Assert.True(operation.Responses?.ContainsKey(status) == true, $"{name} does not declare {status}");
            }

            Assert.True(operation.Responses!["429"].Headers?.ContainsKey("Retry-After") == true, $"{name}: 429 without Retry-After");
            Assert.True(operation.Responses!["503"].Headers?.ContainsKey("Retry-After") == true, $"{name}: 503 without Retry-After");
        }
    }

    [Fact]
    public async Task Document_OperationsThatReadInputOrAnId_DeclareTheirOwnProblems()
    {
        var document = await ReadAsync();

        foreach (var (name, _, operation) in Operations(document).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var hasPathParameter = operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true;
            var readsInput = operation.RequestBody is not null || operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true;
            Assert.True(!hasPathParameter || operation.Responses?.ContainsKey("404") == true, $"{name} has an id but does not declare 404");
            Assert.True(!readsInput || operation.Responses?.ContainsKey("400") == true, $"{name} reads input but does not declare 400");
        }
    }

    [Fact]
    public async Task Document_EveryErrorResponse_IsTheProblemSchemaWithCodeFieldAndErrors()
    {
        var document = await ReadAsync();

        var errors = Operations(document)
            .SelectMany(o => (o.Operation.Responses ?? []).Select(r => (Name: $"{o.Name} {r.Key}", Status: r.Key, Response: r.Value)))
            .Where(r => r.Status.StartsWith('4') || r.Status.StartsWith('5'))
            .ToArray();
        Assert.NotEmpty(errors);
        foreach (var (name, _, response) in errors)
        {
            Assert.True(response.Content?.ContainsKey(ProblemContentType) == true, $"{name} is not {ProblemContentType}");
            var schema = response.Content![ProblemContentType].Schema;
            Assert.True(schema is OpenApiSchemaReference { Reference.Id: "Problem" }, $"{name} is not the Problem schema");
        }

        var problem = document.Components!.Schemas!["Problem"];
        foreach (var member in new[] { "type", "title", "status", "detail", "instance", "code", "field" })
        {
            Assert.True(problem.Properties?.ContainsKey(member) == true, $"Problem has no {member}");
        }

        var fieldErrors = problem.Properties!["errors"];
        Assert.Equal(JsonSchemaType.Object, fieldErrors.Type);
        Assert.Equal(JsonSchemaType.Array, fieldErrors.AdditionalProperties?.Type);
        Assert.Equal(JsonSchemaType.String, fieldErrors.AdditionalProperties?.Items?.Type);
        Assert.True(problem.AdditionalPropertiesAllowed, "Problem must allow the members some problems add");
        Assert.True(problem.Properties!["detail"].Extensions?.ContainsKey("x-ms-primary-error-message") == true, "Kiota would not show the detail");
    }

    [Fact]
    public async Task Document_EveryEnumSchema_HasTypeString()
    {
        var document = await ReadAsync();

        var enums = document.Components!.Schemas!.Where(s => s.Value.Enum is { Count: > 0 }).ToArray();
        Assert.Contains(enums, s => s.Key == "CampaignStatus");
        foreach (var (name, schema) in enums)
        {
            Assert.True(schema.Type?.HasFlag(JsonSchemaType.String) == true, $"{name} has no type string");
        }
    }

    [Fact]
    public async Task Document_RequestSchemas_RequireNoPropertyThatIsNullableOrHasADefault()
    {
        var document = await ReadAsync();

        var requests = Reachable(document, Operations(document)
            .SelectMany(o => o.Operation.RequestBody?.Content?.Values.Select(c => c.Schema) ?? [])).ToArray();
        Assert.Contains("UpdateSenderRequest", requests);
        foreach (var name in requests)
        {
            var schema = document.Components!.Schemas![name];
            foreach (var required in schema.Required ?? new HashSet<string>())
            {
                var property = schema.Properties![required];
                Assert.False(IsNullable(property), $"{name}.{required} is required but nullable");
                Assert.True(property.Default is null, $"{name}.{required} is required but has a default");
            }
        }
    }

    [Fact]
    public async Task Document_ResponseSchemas_RequireExactlyThePropertiesThatCannotBeNull()
    {
        var document = await ReadAsync();

        var responses = Reachable(document, Operations(document)
            .SelectMany(o => (o.Operation.Responses ?? []).Where(r => r.Key.StartsWith('2')))
            .SelectMany(r => r.Value.Content?.Values.Select(c => c.Schema) ?? [])).ToArray();
        Assert.Contains("CampaignResponse", responses);
        foreach (var name in responses)
        {
            var schema = document.Components!.Schemas![name];
            var nonNullable = (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).Where(p => !IsNullable(p.Value)).Select(p => p.Key);
            Assert.Equal(nonNullable.Order(), (schema.Required ?? new HashSet<string>()).Order());
        }
    }

    [Fact]
    public async Task Document_ImportErrors_AnswersCsvAsBinary()
    {
        var document = await ReadAsync();

        var ok = document.Paths["/api/contact-lists/{id}/errors"].Operations![HttpMethod.Get].Responses!["200"];
        Assert.True(ok.Content?.ContainsKey("text/csv") == true, "no text/csv content");
        var schema = ok.Content!["text/csv"].Schema!;
        Assert.Equal(JsonSchemaType.String, schema.Type);
        Assert.Equal("binary", schema.Format);
    }

    [Fact]
    public async Task Document_Webhook_DescribesItsJsonBodyAndNeedsNoApiKey()
    {
        var document = await ReadAsync();

        var webhook = document.Paths["/webhooks/evolution/{senderId}/{secret}"].Operations![HttpMethod.Post];
        Assert.True(webhook.RequestBody?.Content?.ContainsKey("application/json") == true, "the webhook has no JSON body");
        Assert.Contains("event", webhook.RequestBody!.Content!["application/json"].Schema!.Required ?? new HashSet<string>());
        Assert.NotNull(webhook.Security);
        Assert.Empty(webhook.Security);
        Assert.True(webhook.Responses?.ContainsKey("401") == true, "the webhook does not declare its 401");
    }

    [Fact]
    public async Task Document_PatchOperations_SayTheyFollowJsonMergePatch()
    {
        var document = await ReadAsync();

        var patches = Operations(document).Where(o => o.Name.StartsWith("PATCH", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, patches.Length);
        foreach (var (name, _, operation) in patches)
        {
            Assert.Contains("RFC 7396", operation.Description ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Document_DescribesTheApiKeyAndTheBearerToken_AndTheScopeOfEachOperation()
    {
        var document = await ReadAsync();

        var schemes = document.Components!.SecuritySchemes!;
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Header, "apikey"), (schemes["ApiKey"].Type, schemes["ApiKey"].In, schemes["ApiKey"].Name));
        Assert.Equal((SecuritySchemeType.Http, "bearer", "JWT"), (schemes["Bearer"].Type, schemes["Bearer"].Scheme, schemes["Bearer"].BearerFormat));
        // Either one: two requirements of one scheme each.
        Assert.Equal(["ApiKey", "Bearer"], document.Security!.Select(r => r.Keys.Single().Reference.Id).Order());

        var operations = Operations(document).ToDictionary(o => o.Name, o => o.Operation);
        Assert.Equal("[\"senders\"]", operations["GET /api/senders/{id}/qr"].Extensions!["x-scopes"] is JsonNodeExtension scopes ? scopes.Node.ToJsonString() : null);
        Assert.Contains("`contacts`", operations["POST /api/contact-lists"].Description, StringComparison.Ordinal);
        Assert.True(operations["GET /api/stats"].Responses!.ContainsKey("403"));
        var token = operations["POST /api/auth/token"];
        Assert.Equal(["ApiKey"], token.Security!.Select(r => r.Keys.Single().Reference.Id));
        Assert.True(token.Responses!.ContainsKey("403"));
        Assert.False(operations["GET /api/tenant"].Extensions?.ContainsKey("x-scopes") == true);
    }

    private async Task<OpenApiDocument> ReadAsync()
    {
        using var client = api.Factory.CreateClient();
        var json = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel);
        var read = OpenApiDocument.Parse(json, "json");
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        return read.Document!;
    }

    private static IEnumerable<(string Name, string Path, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(path => (path.Value.Operations ?? []).Select(o => ($"{o.Key.Method} {path.Key}", path.Key, o.Value)));

    /// <summary>Whether a schema admits null: its type includes null, or one of its oneOf/anyOf does.</summary>
    private static bool IsNullable(IOpenApiSchema schema) =>
        schema is not OpenApiSchemaReference
        && (schema.Type?.HasFlag(JsonSchemaType.Null) == true
            || schema.OneOf?.Any(IsNullable) == true
            || schema.AnyOf?.Any(IsNullable) == true);

    /// <summary>The component schemas that the given schemas use, directly or through others.</summary>
    private static HashSet<string> Reachable(OpenApiDocument document, IEnumerable<IOpenApiSchema?> roots)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>(roots.OfType<IOpenApiSchema>());
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (found.Add(id))
                {
                    pending.Push(document.Components!.Schemas![id]);
                }

                continue;
            }

            foreach (var next in (schema.Properties?.Values ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []))
            {
                pending.Push(next);
            }

            if (schema.Items is { } items)
            {
                pending.Push(items);
            }

            if (schema.AdditionalProperties is { } additional)
            {
                pending.Push(additional);
            }
        }

        return found;
    }
}
