using System.Diagnostics;

namespace Campaigns.Bench.Cluster;

/// <summary>The checkout the bench runs from, and the Release builds of the hosts it starts as separate processes.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ApiDll => Path.Combine(Root, "src", "Campaigns.Api", "bin", "Release", "net10.0", "Campaigns.Api.dll");

    public static string SandboxDll => Path.Combine(Root, "src", "Campaigns.Sandbox", "bin", "Release", "net10.0", "Campaigns.Sandbox.dll");

    /// <summary>Builds the Api and the Sandbox in Release (incremental: quick when nothing changed).</summary>
    public static async Task BuildHostsAsync(TextWriter log, CancellationToken cancellationToken)
    {
        foreach (var project in new[] { "src/Campaigns.Api", "src/Campaigns.Sandbox" })
        {
            log.WriteLine($"building {project} (Release)…");
            var start = new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-v", "quiet", "-nologo"])
            {
                WorkingDirectory = Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run dotnet build.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet build {project} failed ({process.ExitCode}):\n{await output}\n{await errors}");
            }
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Campaigns.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Campaigns.sln not found above " + AppContext.BaseDirectory);
    }
}
