using Campaigns.Sandbox.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Campaigns.Sandbox.Tests;

public sealed class ProgramTests
{
    [Fact]
    public async Task Program_UnderWebApplicationFactoryOnKestrel_ServesTheConfiguredInstances()
    {
        await using var factory = new WebApplicationFactory<Program>();
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("apikey", "sandbox-global-key"); // appsettings.json

        var state = await client.GetJsonAsync("/instance/connectionState/sandbox-1");

        Assert.NotEqual("localhost", client.BaseAddress?.Host);
        AssertJson.Equal("""{ "instance": { "instanceName": "sandbox-1", "state": "open" } }""", state);
    }

    [Fact]
    public async Task StartAsync_UnknownTimeZone_FailsValidation()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSandbox.StartAsync(s => s["Sandbox:Instances:0:TimeZone"] = "Mars/Olympus"));

        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
    }
}
