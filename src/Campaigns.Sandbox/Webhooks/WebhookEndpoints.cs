using System.Text.Json.Nodes;
using Campaigns.Sandbox.Gateway;
using Campaigns.Sandbox.Messages;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Campaigns.Sandbox.Webhooks;

/// <summary><c>/webhook/set</c> and <c>/webhook/find</c> (webhook.router.ts, webhook.controller.ts <c>set()</c>).</summary>
internal static class WebhookEndpoints
{
    private const string Path = "instance.webhook";

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder guarded)
    {
        var group = guarded.MapGroup("/webhook");
        group.MapPost("/set/{instance}", Set).WithName("SetWebhook").WithSummary("Set the instance's webhook (upsert)");
        group.MapGet("/find/{instance}", Find).WithName("FindWebhook").WithSummary("The instance's webhook, or null");
        return group;
    }

    private static async Task<Results<Created<WebhookRow>, JsonHttpResult<EvolutionError>>> Set(
        HttpContext http, IClock clock, WebhookStateFile state, CancellationToken cancellationToken)
    {
        var instance = InstanceGuardFilter.Instance(http);
        var body = await BodyRead.ReadAsync(http.Request, cancellationToken);
        if (body.Error is { } error)
        {
            return EvolutionErrors.UnreadableBody(error);
        }

        var check = new SchemaCheck();
        JsonObject? webhook = null;
        if (check.Body(body.Node) is { } obj)
        {
            webhook = check.Object(obj, "instance", "webhook");
            if (webhook is not null)
            {
                check.Boolean(webhook, Path, "enabled");
                check.String(webhook, Path, "url", notEmptyDescription: "The \"url\" cannot be empty");
                check.Object(webhook, Path, "headers");
                check.Boolean(webhook, Path, "byEvents");
                check.Boolean(webhook, Path, "base64");
                check.StringArray(webhook, Path, "events", 0, false, null, allowed: WebhookEvents.ConfigNames);
                check.Required(webhook, Path, "enabled", "url");
            }

            check.Required(obj, "instance", "webhook");
        }

        if (!check.IsValid)
        {
            return EvolutionErrors.Validation(check.Messages);
        }

        var enabled = webhook!["enabled"]!.GetValue<bool>();
        string[] events;
        if (!enabled)
        {
            events = [];
        }
        else if (webhook["events"] is JsonArray given)
        {
            events = given.Count == 0 ? WebhookEvents.ConfigNames : [.. given.Select(e => e!.GetValue<string>())];
        }
        else
        {
            // set() reads data.webhook.events.length without a guard: a missing list is a TypeError, hence 500.
            return EvolutionErrors.Internal("Cannot read properties of undefined (reading 'length')");
        }

        var now = clock.GetCurrentInstant();
        var previous = instance.Webhook;
        var settings = new WebhookSettings(
            previous?.Id ?? MessageIds.NewRowId(),
            enabled,
            webhook["url"]!.GetValue<string>(),
            webhook["headers"]?.DeepClone() as JsonObject,
            Flag(webhook, "byEvents"),
            Flag(webhook, "base64"),
            events,
            previous?.CreatedAt ?? now,
            now);
        instance.Webhook = settings;
        state.Save(instance.Name, settings);
        return TypedResults.Created((string?)null, WebhookRow.From(settings, instance.InstanceId));
    }

    private static Results<Ok<WebhookRow>, ContentHttpResult> Find(HttpContext http)
    {
        var instance = InstanceGuardFilter.Instance(http);
        return instance.Webhook is { } settings
            ? TypedResults.Ok(WebhookRow.From(settings, instance.InstanceId))
            : TypedResults.Text("null", "application/json", statusCode: StatusCodes.Status200OK);
    }

    private static bool Flag(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
