using System.Net;

namespace Campaigns.Sandbox.Tests.Support;

/// <summary>Points an instance's webhook at a test receiver.</summary>
internal static class WebhookSubscription
{
    public static async Task SetWebhookAsync(
        this HttpClient client, WebhookReceiver receiver, string[] events, bool byEvents = false, object? headers = null, string instance = TestSandbox.Alpha)
    {
        var webhook = new Dictionary<string, object> { ["enabled"] = true, ["url"] = receiver.Url.ToString(), ["byEvents"] = byEvents, ["events"] = events };
        if (headers is not null)
        {
            webhook["headers"] = headers; // null is not an object to the schema: leave it out
        }

        using var response = await client.PostJsonAsync($"/webhook/set/{instance}", new { webhook });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
