using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace Campaigns.Api.Tests.OpenApi;

/// <summary>
/// A class fixture: the API, and a C# client generated from its <c>/openapi/v1.json</c> with NSwag (its default
/// settings, with optional parameters and the HttpClient's base address) and compiled with Roslyn, as a user would.
/// </summary>
public sealed class GeneratedClientFixture : IAsyncLifetime
{
    public const string Namespace = "Generated";

    public ApiFixture Api { get; } = new();

    /// <summary>The generated C#.</summary>
    public string Code { get; private set; } = "";

    /// <summary>The compiler's errors; the client is loaded only when there are none.</summary>
    public IReadOnlyList<Diagnostic> Errors { get; private set; } = [];

    public Assembly Client => _client ?? throw new InvalidOperationException(
        $"The generated client did not compile: {string.Join(Environment.NewLine, Errors.Take(10))}");

    private Assembly? _client;

    public async ValueTask InitializeAsync()
    {
        await Api.InitializeAsync();
        using var http = Api.Factory.CreateClient();
        var json = await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json, TestContext.Current.CancellationToken);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "CampaignsClient",
            UseBaseUrl = false,
            GenerateOptionalParameters = true,
        };
        settings.CSharpGeneratorSettings.Namespace = Namespace;
        Code = new CSharpClientGenerator(document, settings).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Campaigns.GeneratedClient",
            [CSharpSyntaxTree.ParseText(Code, new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: TestContext.Current.CancellationToken)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image, cancellationToken: TestContext.Current.CancellationToken);
        Errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (emitted.Success)
        {
            _client = Assembly.Load(image.ToArray());
        }
    }

    /// <summary>A generated type by its name, e.g. <c>Problem</c> or <c>ApiException`1</c>.</summary>
    public Type Type(string name) =>
        Client.GetType($"{Namespace}.{name}") ?? throw new InvalidOperationException($"The generated client has no type {name}.");

    /// <summary>A new instance of a generated type.</summary>
    public object New(string name, params object?[] arguments) => Activator.CreateInstance(Type(name), arguments)!;

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}
