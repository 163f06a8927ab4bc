using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Engine.Webhooks;
using NodaTime;

namespace Campaigns.Engine.Tests.Webhooks;

/// <summary>
/// Stored webhooks as the processor hands them to an applier, built from the payloads in <c>Webhooks/Fixtures</c>
/// (copies of the contract's examples, as the inbox stores them: without <c>apikey</c> and <c>destination</c>), with
/// the message id, status or state a test needs.
/// </summary>
internal static class StatusWebhooks
{
    private static long _ids = 1_000_000;

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Webhooks", "Fixtures");

    /// <summary>A fresh inbox id, above every earlier one.</summary>
    public static long NextId() => Interlocked.Increment(ref _ids);

    /// <summary>A v2 <c>messages.update</c> (<c>data.keyId</c> = <paramref name="whatsAppId"/>) with <paramref name="status"/>.</summary>
    public static InboxEvent Update(Guid tenant, TestSender sender, string whatsAppId, string status, Action<JsonObject>? change = null) =>
        Build("messages-update.json", tenant, sender, data =>
        {
            data["keyId"] = whatsAppId;
            data["status"] = status;
            change?.Invoke(data);
        });

    /// <summary>A v1 <c>messages.update</c> (<c>data.id</c> = <paramref name="whatsAppId"/>) with <paramref name="status"/>.</summary>
    public static InboxEvent UpdateV1(Guid tenant, TestSender sender, string whatsAppId, string status) =>
        Build("messages-update-v1.json", tenant, sender, data =>
        {
            data["id"] = whatsAppId;
            data["status"] = status;
        });

    /// <summary>A <c>messages.update</c> ERROR with stub parameter 463 (the silent reach-out timelock).</summary>
    public static InboxEvent Timelock(Guid tenant, TestSender sender, string whatsAppId) =>
        Build("messages-update-error-463.json", tenant, sender, data => data["keyId"] = whatsAppId);

    /// <summary>A <c>send.message</c> of <paramref name="whatsAppId"/> (status PENDING).</summary>
    public static InboxEvent Send(Guid tenant, TestSender sender, string whatsAppId) =>
        Build("send-message.json", tenant, sender, data => data["key"]!["id"] = whatsAppId);

    /// <summary>A <c>connection.update</c> with <paramref name="state"/> (<c>open</c>, <c>close</c>, <c>connecting</c>, or any text), with the given inbox id.</summary>
    public static InboxEvent Connection(Guid tenant, TestSender sender, string state, long? id = null) =>
        Build(state is "open" or "close" or "connecting" ? $"connection-update-{state}.json" : "connection-update-close.json", tenant, sender, data =>
        {
            data["state"] = state;
        }, id);

    /// <summary>Now, to PostgreSQL's precision (microseconds), as a stored <c>received_at</c> reads.</summary>
    public static Instant Now() => Instant.FromUnixTimeTicks(SystemClock.Instance.GetCurrentInstant().ToUnixTimeTicks() / 10 * 10);

    public static InboxEvent Build(string file, Guid tenant, TestSender sender, Action<JsonObject> change, long? id = null)
    {
        var envelope = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, file)))!.AsObject();
        change(envelope["data"]!.AsObject());
        return new InboxEvent(
            id ?? NextId(), new SenderId(sender.Id), new TenantId(tenant), envelope["event"]!.GetValue<string>(),
            JsonSerializer.SerializeToElement(envelope), Now(), 0);
    }
}
