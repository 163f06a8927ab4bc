using System.Text.Json;

namespace Campaigns.Sandbox.Tests.Support;

/// <summary>The sandbox's own control calls, for tests.</summary>
internal static class SandboxControl
{
    public static async Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string path) =>
        await client.PostAsync(new Uri(path, UriKind.Relative), null, TestContext.Current.CancellationToken);

    public static Task<JsonElement> WholeAuditAsync(this HttpClient client) => client.GetJsonAsync("/sandbox/audit");

    public static async Task<JsonElement> StateAsync(this HttpClient client, string instance) =>
        (await client.GetJsonAsync($"/instance/connectionState/{instance}")).GetProperty("instance").GetProperty("state");
}
