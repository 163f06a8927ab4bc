using System.Net.Http.Json;
using System.Text.Json;

namespace Campaigns.Sandbox.Tests.Support;

/// <summary>Small helpers to post JSON and read JSON back as a <see cref="JsonElement"/>.</summary>
internal static class HttpJson
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    /// <summary>The names of an object's properties, in order.</summary>
    public static string[] Keys(this JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    public static async Task<JsonElement> SendTextAsync(this HttpClient client, string instance, string number, string text)
    {
        using var response = await client.PostJsonAsync($"/message/sendText/{instance}", new { number, text });
        return await response.JsonAsync();
    }

    public static Task<JsonElement> AuditAsync(this HttpClient client, string instance) =>
        client.GetJsonAsync("/sandbox/audit").ContinueWith(
            t => t.Result.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("instance").GetString() == instance),
            TaskScheduler.Default);
}
