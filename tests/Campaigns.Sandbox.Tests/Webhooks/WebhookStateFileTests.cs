using System.Net;
using System.Text.Json;
using Campaigns.Sandbox.Tests.Support;

namespace Campaigns.Sandbox.Tests.Webhooks;

/// <summary>Webhooks kept across restarts in <c>Sandbox:Webhooks:StatePath</c>, as Evolution keeps them in its database.</summary>
public sealed class WebhookStateFileTests : IDisposable
{
    private static readonly string[] SendOnly = ["SEND_MESSAGE"];
    private readonly string _directory = Directory.CreateTempSubdirectory("sandbox-webhooks-").FullName;

    private string StatePath => Path.Combine(_directory, "webhooks.json");

    [Fact]
    public async Task SendText_AfterRestartWithStatePath_PostsToTheWebhookSetBefore()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using (var before = await TestSandbox.StartAsync(s => s["Sandbox:Webhooks:StatePath"] = StatePath))
        {
            using var client = before.CreateClient(TestSandbox.GlobalKey);
            await client.SetWebhookAsync(receiver, events: SendOnly, headers: new { authorization = "Bearer kept" });
        }

        await using var after = await TestSandbox.StartAsync(s => s["Sandbox:Webhooks:StatePath"] = StatePath);
        using var again = after.CreateClient(TestSandbox.GlobalKey);
        await again.SendTextAsync("alpha", "254711000001", "Hello");
        var hook = (await receiver.NextAsync(1))[0];
        var found = await again.GetJsonAsync("/webhook/find/alpha");

        Assert.Equal("send.message", hook.Event);
        Assert.Equal("Bearer kept", hook.Headers["authorization"]);
        Assert.Equal(receiver.Url.ToString(), found.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Reset_WithStatePath_ForgetsTheKeptWebhooks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using (var before = await TestSandbox.StartAsync(s => s["Sandbox:Webhooks:StatePath"] = StatePath))
        {
            using var client = before.CreateClient(TestSandbox.GlobalKey);
            await client.SetWebhookAsync(receiver, events: SendOnly);
            using var reset = await client.PostEmptyAsync("/sandbox/reset");
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        await using var after = await TestSandbox.StartAsync(s => s["Sandbox:Webhooks:StatePath"] = StatePath);
        using var again = after.CreateClient(TestSandbox.GlobalKey);

        Assert.Equal(JsonValueKind.Null, (await again.GetJsonAsync("/webhook/find/alpha")).ValueKind);
    }

    [Fact]
    public async Task Restart_WithoutStatePath_ForgetsWebhooks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using (var before = await TestSandbox.StartAsync())
        {
            using var client = before.CreateClient(TestSandbox.GlobalKey);
            await client.SetWebhookAsync(receiver, events: SendOnly);
        }

        await using var after = await TestSandbox.StartAsync();
        using var again = after.CreateClient(TestSandbox.GlobalKey);

        Assert.Equal(JsonValueKind.Null, (await again.GetJsonAsync("/webhook/find/alpha")).ValueKind);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
