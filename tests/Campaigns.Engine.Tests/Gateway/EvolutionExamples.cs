namespace Campaigns.Engine.Tests.Gateway;

/// <summary>
/// The Evolution wire examples in <c>shared/evolution/examples</c>, which sits beside the repository: found by walking
/// up from the test binaries until a directory holds <c>shared/evolution</c>.
/// </summary>
internal static class EvolutionExamples
{
    private static readonly Lazy<string> Folder = new(Find);

    public static string Directory => Folder.Value;

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    public static IReadOnlyList<string> FileNames() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "evolution", "examples");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No shared/evolution/examples above {AppContext.BaseDirectory}: the repository's parent must hold shared/.");
    }
}
