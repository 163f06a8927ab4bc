namespace Campaigns.Engine.Tests.Gateway;

/// <summary>
/// The Evolution wire examples (requests, answers, webhooks, errors) in <c>Gateway/Examples</c> of this test project,
/// copied to the test output. Copied from the design's <c>shared/evolution/examples</c> (the contract the client was
/// written against), so that a clone of the repository alone runs its tests.
/// </summary>
internal static class EvolutionExamples
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Gateway", "Examples");

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    public static IReadOnlyList<string> FileNames() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}
