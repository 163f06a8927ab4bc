using System.Text.Json.Nodes;
using Campaigns.Sandbox.Gateway;

namespace Campaigns.Sandbox.Webhooks;

/// <summary>The 201 of <c>webhook/set</c> and the 200 of <c>webhook/find</c>: Evolution's Prisma <c>Webhook</c> row.</summary>
internal sealed record WebhookRow(
    string Id,
    string Url,
    JsonObject? Headers,
    bool Enabled,
    IReadOnlyList<string> Events,
    bool WebhookByEvents,
    bool WebhookBase64,
    string CreatedAt,
    string UpdatedAt,
    string InstanceId)
{
    public static WebhookRow From(WebhookSettings settings, Guid instanceId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new WebhookRow(
            settings.Id, settings.Url, settings.Headers?.DeepClone() as JsonObject, settings.Enabled, settings.Events,
            settings.ByEvents, settings.Base64, WireTime.Format(settings.CreatedAt), WireTime.Format(settings.UpdatedAt),
            instanceId.ToString());
    }
}
