using System.Text.Json;

namespace Campaigns.Sandbox.Tests.Support;

internal sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, JsonElement Body)
{
    public string Event => Body.GetProperty("event").GetString()!;

    public JsonElement Data => Body.GetProperty("data");

    /// <summary>The event and, for <c>messages.update</c>, its status: <c>messages.update:READ</c>.</summary>
    public string Label => Event == "messages.update" ? $"{Event}:{Data.GetProperty("status").GetString()}" : Event;
}
