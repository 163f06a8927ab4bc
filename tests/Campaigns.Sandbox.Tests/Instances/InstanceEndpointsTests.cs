using System.Net;
using Campaigns.Sandbox.Tests.Support;

namespace Campaigns.Sandbox.Tests.Instances;

public sealed class InstanceEndpointsTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Create_WithQrCode_Returns201ConnectingWithHashAndPngQrThenOpensByItself()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var response = await client.PostJsonAsync(
            "/instance/create", new { instanceName = "gamma", integration = "WHATSAPP-BAILEYS", qrcode = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(
            ["instance", "hash", "webhook", "websocket", "rabbitmq", "nats", "sqs", "settings", "qrcode"], body.Keys());
        Assert.Equal("connecting", body.GetProperty("instance").GetProperty("status").GetString());
        var hash = body.GetProperty("hash").GetString()!;
        Assert.Matches("^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$", hash);
        var qr = body.GetProperty("qrcode");
        Assert.Equal(["pairingCode", "code", "base64", "count"], qr.Keys());
        var dataUrl = qr.GetProperty("base64").GetString()!;
        Assert.StartsWith("data:image/png;base64,", dataUrl, StringComparison.Ordinal);
        Assert.Equal(PngSignature, Convert.FromBase64String(dataUrl["data:image/png;base64,".Length..])[..8]);

        using var own = sandbox.CreateClient(hash);
        var state = await own.GetJsonAsync("/instance/connectionState/gamma");
        AssertJson.Equal("""{ "instance": { "instanceName": "gamma", "state": "open" } }""", state);
    }

    [Fact]
    public async Task Create_TakenName_Returns403EvenWithoutTheGlobalKey()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient("not-a-key");

        using var response = await client.PostJsonAsync("/instance/create", new { instanceName = "alpha", integration = "WHATSAPP-BAILEYS" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertJson.Equal(
            """{ "status": 403, "error": "Forbidden", "response": { "message": ["This name \"alpha\" is already in use."] } }""",
            await response.JsonAsync());
    }

    [Fact]
    public async Task Create_GivenTokenAndNoAutoOpen_StaysConnectingUntilScanned()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Network:AutoOpenAfterMs"] = "-1");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var created = await client.PostJsonAsync(
            "/instance/create", new { instanceName = "delta", integration = "WHATSAPP-BAILEYS", qrcode = true, token = "DELTA-TOKEN" });
        var before = await client.GetJsonAsync("/instance/connect/delta");
        using var scan = await client.PostAsync(new Uri("/sandbox/instances/delta/scan", UriKind.Relative), null, TestContext.Current.CancellationToken);
        var after = await client.GetJsonAsync("/instance/connect/delta");

        Assert.Equal("DELTA-TOKEN", (await created.JsonAsync()).GetProperty("hash").GetString());
        Assert.Equal(["pairingCode", "code", "base64", "count"], before.Keys());
        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        AssertJson.Equal("""{ "instance": { "instanceName": "delta", "state": "open" } }""", after);
    }

    [Fact]
    public async Task Scan_InstanceCreatedWithoutNumber_LinksThePhonesNumber()
    {
        await using var sandbox = await TestSandbox.StartAsync(s => s["Sandbox:Network:AutoOpenAfterMs"] = "-1");
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var created = await client.PostJsonAsync(
            "/instance/create", new { instanceName = "zeta", integration = "WHATSAPP-BAILEYS", qrcode = true });
        var before = (await client.GetJsonAsync("/instance/fetchInstances?instanceName=zeta"))[0];

        using var scan = await client.PostAsync(new Uri("/sandbox/instances/zeta/scan", UriKind.Relative), null, TestContext.Current.CancellationToken);
        var after = (await client.GetJsonAsync("/instance/fetchInstances?instanceName=zeta"))[0];

        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, before.GetProperty("ownerJid").ValueKind);
        Assert.Matches("^2547[0-9]{8}@s\\.whatsapp\\.net$", after.GetProperty("ownerJid").GetString());
        Assert.Equal(after.GetProperty("ownerJid").GetString(), after.GetProperty("number").GetString() + "@s.whatsapp.net");
    }

    [Fact]
    public async Task Create_WithoutQrCode_IsClosedUntilConnectIsCalled()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var created = await client.PostJsonAsync("/instance/create", new { instanceName = "eps", integration = "WHATSAPP-BAILEYS" });
        var closed = await client.GetJsonAsync("/instance/connectionState/eps");
        await client.GetJsonAsync("/instance/connect/eps");
        var open = await client.GetJsonAsync("/instance/connectionState/eps");

        var body = await created.JsonAsync();
        Assert.Equal("close", body.GetProperty("instance").GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("qrcode", out _));
        Assert.Equal("close", closed.GetProperty("instance").GetProperty("state").GetString());
        Assert.Equal("open", open.GetProperty("instance").GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("""{ "instanceName": "x" }""", """["Invalid integration"]""")]
    [InlineData("""{ "integration": "WHATSAPP-BAILEYS" }""", """["\"instanceName\" not provided."]""")]
    [InlineData("""{ "instanceName": "x", "integration": "WHATSAPP-BAILEYS", "qrcode": "yes" }""", """[["qrcode is not of a type(s) boolean"]]""")]
    public async Task Create_BadBody_Returns400(string json, string message)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/instance/create", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertJson.Equal($$"""{ "status": 400, "error": "Bad Request", "response": { "message": {{message}} } }""", await response.JsonAsync());
    }

    [Fact]
    public async Task LogoutThenDelete_OpenInstance_ClosesThenRemovesIt()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);

        using var logout = await client.DeleteAsync("/instance/logout/alpha", TestContext.Current.CancellationToken);
        using var again = await client.DeleteAsync("/instance/logout/alpha", TestContext.Current.CancellationToken);
        using var delete = await client.DeleteAsync("/instance/delete/alpha", TestContext.Current.CancellationToken);
        using var gone = await client.GetAsync("/instance/connectionState/alpha", TestContext.Current.CancellationToken);

        AssertJson.Equal("""{ "status": "SUCCESS", "error": false, "response": { "message": "Instance logged out" } }""", await logout.JsonAsync());
        AssertJson.Equal(
            """{ "status": 400, "error": "Bad Request", "response": { "message": ["The \"alpha\" instance is not connected"] } }""",
            await again.JsonAsync());
        AssertJson.Equal("""{ "status": "SUCCESS", "error": false, "response": { "message": "Instance deleted" } }""", await delete.JsonAsync());
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Reset_AfterCreateAndClose_RestoresTheConfiguredInstances()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var created = await client.PostJsonAsync("/instance/create", new { instanceName = "zeta", integration = "WHATSAPP-BAILEYS" });
        using var closed = await client.PostAsync(new Uri("/sandbox/instances/alpha/close", UriKind.Relative), null, TestContext.Current.CancellationToken);
        await client.SendTextAsync("beta", "254711000001", "Hi");

        using var reset = await client.PostAsync(new Uri("/sandbox/reset", UriKind.Relative), null, TestContext.Current.CancellationToken);
        var instances = await client.GetJsonAsync("/instance/fetchInstances");
        var sends = await client.GetJsonAsync("/sandbox/sends");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(["alpha", "beta"], instances.EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.All(instances.EnumerateArray(), i => Assert.Equal("open", i.GetProperty("connectionStatus").GetString()));
        Assert.Equal(0, sends.GetArrayLength());
    }
}
