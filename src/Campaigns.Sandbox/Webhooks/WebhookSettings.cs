using System.Text.Json.Nodes;
using NodaTime;

namespace Campaigns.Sandbox.Webhooks;

/// <summary>An instance's webhook as <c>webhook/set</c> stored it (Evolution's Prisma <c>Webhook</c> row).</summary>
/// <param name="Events">Configuration names; empty when disabled, every name when enabled with an empty list.</param>
internal sealed record WebhookSettings(
    string Id,
    bool Enabled,
    string Url,
    JsonObject? Headers,
    bool ByEvents,
    bool Base64,
    IReadOnlyList<string> Events,
    Instant CreatedAt,
    Instant UpdatedAt)
{
    public bool Wants(string wireName) => Enabled && Events.Contains(WebhookEvents.ConfigName(wireName));

    /// <summary>Evolution only ever calls http(s) URLs; others are stored and silently never called.</summary>
    public bool IsCallable => Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                              || Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
