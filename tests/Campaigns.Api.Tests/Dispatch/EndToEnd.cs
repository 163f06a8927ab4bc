using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Api.Tests.Senders;

namespace Campaigns.Api.Tests.Dispatch;

/// <summary>What the end-to-end dispatch tests share: open senders on the fixture's sandbox, waiting, reading answers.</summary>
internal static class EndToEnd
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A new linked, open sandbox instance registered as a sender with the floor (1 s) and a small jitter.</summary>
    public static async Task<(string Instance, Guid Sender)> OpenSenderAsync(SenderFixture fixture, HttpClient client, string name)
    {
        using var sandbox = fixture.CreateSandboxClient();
        var token = await SenderFixture.CreateInstanceAsync(sandbox, name, $"25471{Random.Shared.Next(1_000_000, 9_999_999)}", scan: true);
        var sender = (await ReadAsync(
            await client.PostAsJsonAsync("/api/senders", new { name, gatewayUrl = fixture.Sandbox.AbsoluteUri, instance = name, instanceApiKey = token }, Cancel),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        // The floor (1 s, the least allowed) and a small jitter keep the test short.
        using var patch = new StringContent("""{"jitterMinMs":0,"jitterMaxMs":200}""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        await ReadAsync(await client.PatchAsync($"/api/senders/{sender}", patch, Cancel), HttpStatusCode.OK);
        return (name, sender);
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="done"/> holds, doing <paramref name="meanwhile"/> between looks.</summary>
    public static async Task<JsonElement> WaitForAsync(
        HttpClient client, string path, Func<JsonElement, bool> done, TimeSpan within, Action? meanwhile = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var current = await client.GetFromJsonAsync<JsonElement>(path, Cancel);
            if (done(current))
            {
                return current;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} not there after {within}: {current}");
            meanwhile?.Invoke();
            await Task.Delay(250, Cancel);
        }
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
