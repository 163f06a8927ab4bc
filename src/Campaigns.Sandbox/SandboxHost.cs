using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Campaigns.Sandbox;

/// <summary>
/// Starts a sandbox on a real Kestrel port, for tests (contract tests of the engine's gateway client included): only
/// the given settings apply (no appsettings.json, no environment), so each test gets the sandbox it describes.
/// </summary>
public static class SandboxHost
{
    /// <param name="settings">Configuration keys such as <c>Sandbox:Instances:0:Name</c>.</param>
    /// <param name="overrideServices">Runs after the sandbox's registrations, e.g. to put a fake <c>NodaTime.IClock</c>.</param>
    /// <param name="port">0 picks a free port on 127.0.0.1.</param>
    public static async Task<RunningSandbox> StartAsync(
        IEnumerable<KeyValuePair<string, string?>> settings,
        Action<IServiceCollection>? overrideServices = null,
        int port = 0,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");

        var app = SandboxApp.Build(builder, overrideServices);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningSandbox(app, new Uri(address));
    }
}
