using System.Net;
using Campaigns.Sandbox.Tests.Support;

namespace Campaigns.Sandbox.Tests.Gateway;

public sealed class GatewayAuthTests
{
    private const string Unauthorized = """{ "status": 401, "error": "Unauthorized", "response": { "message": "Unauthorized" } }""";

    [Fact]
    public async Task ConnectionState_NoKey_Returns401WithStringMessage()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient();

        using var response = await client.GetAsync("/instance/connectionState/alpha", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertJson.Equal(Unauthorized, await response.JsonAsync());
    }

    [Fact]
    public async Task ConnectionState_WrongKey_Returns401()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient("not-a-key");

        using var response = await client.GetAsync("/instance/connectionState/alpha", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertJson.Equal(Unauthorized, await response.JsonAsync());
    }

    [Theory]
    [InlineData(TestSandbox.GlobalKey)]
    [InlineData(TestSandbox.AlphaToken)]
    public async Task ConnectionState_GlobalKeyOrOwnToken_Returns200(string key)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(key);

        var body = await client.GetJsonAsync("/instance/connectionState/alpha");

        AssertJson.Equal("""{ "instance": { "instanceName": "alpha", "state": "open" } }""", body);
    }

    [Fact]
    public async Task SendText_AnotherInstancesToken_Returns401()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.BetaToken);

        using var response = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "Hi" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertJson.Equal(Unauthorized, await response.JsonAsync());
    }

    [Fact]
    public async Task ConnectionState_UnknownInstanceWithBadKey_Returns404BeforeAuth()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient("not-a-key");

        using var response = await client.GetAsync("/instance/connectionState/myinst", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertJson.Equal(
            """{ "status": 404, "error": "Not Found", "response": { "message": ["The \"myinst\" instance does not exist"] } }""",
            await response.JsonAsync());
    }

    [Fact]
    public async Task Create_InstanceToken_Returns401()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.AlphaToken);

        using var response = await client.PostJsonAsync(
            "/instance/create", new { instanceName = "gamma", integration = "WHATSAPP-BAILEYS", qrcode = true });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertJson.Equal(Unauthorized, await response.JsonAsync());
    }

    [Fact]
    public async Task FetchInstances_InstanceToken_ReturnsOnlyItsInstance()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var own = sandbox.CreateClient(TestSandbox.AlphaToken);
        using var global = sandbox.CreateClient(TestSandbox.GlobalKey);

        var mine = await own.GetJsonAsync("/instance/fetchInstances");
        var all = await global.GetJsonAsync("/instance/fetchInstances");

        Assert.Equal(["alpha"], mine.EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(["alpha", "beta"], all.EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(TestSandbox.AlphaToken, mine[0].GetProperty("token").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Any_Returns404WithCannotMessage()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync("/foo/bar", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertJson.Equal(
            """{ "status": 404, "error": "Not Found", "response": { "message": ["Cannot POST /foo/bar"] } }""",
            await response.JsonAsync());
    }
}
