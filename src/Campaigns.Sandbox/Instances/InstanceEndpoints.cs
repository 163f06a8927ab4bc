using System.Text.Json.Nodes;
using Campaigns.Sandbox.Gateway;
using Campaigns.Sandbox.Messages;
using Campaigns.Sandbox.Network;
using Campaigns.Sandbox.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Campaigns.Sandbox.Instances;

/// <summary>The <c>/instance/*</c> routes of Evolution 2.3.6 (instance.router.ts, instance.controller.ts).</summary>
internal static class InstanceEndpoints
{
    private const string Baileys = "WHATSAPP-BAILEYS";

    public static IEndpointRouteBuilder MapInstances(this IEndpointRouteBuilder gateway, RouteGroupBuilder guarded)
    {
        gateway.MapPost("/instance/create", Create).WithName("CreateInstance").WithSummary("Create an instance (global key only)");
        gateway.MapGet("/instance/fetchInstances", Fetch).WithName("FetchInstances")
            .WithSummary("The instances the key may see: all for the global key, its own for an instance token");

        var instance = guarded.MapGroup("/instance");
        instance.MapGet("/connectionState/{instance}", State).WithName("ConnectionState").WithSummary("open | connecting | close");
        instance.MapGet("/connect/{instance}", Connect).WithName("Connect")
            .WithSummary("The QR to link, or the state when already open");
        instance.MapDelete("/logout/{instance}", Logout).WithName("Logout").WithSummary("Close the connection (statusReason 401)");
        instance.MapDelete("/delete/{instance}", Delete).WithName("DeleteInstance").WithSummary("Log out and remove the instance");
        return gateway;
    }

    private static async Task<Results<Created<CreateInstanceResponse>, JsonHttpResult<EvolutionError>>> Create(
        HttpRequest request, InstanceRegistry registry, IOptions<SandboxOptions> options, IClock clock, CancellationToken cancellationToken)
    {
        var body = await BodyRead.ReadAsync(request, cancellationToken);
        if (body.Error is { } error)
        {
            return EvolutionErrors.UnreadableBody(error);
        }

        var obj = body.Node as JsonObject ?? [];
        var name = obj["instanceName"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : null;

        // instanceLoggedGuard runs before the key is checked: a taken name is 403 whatever the key.
        if (name is not null && registry.Find(name) is not null)
        {
            return EvolutionErrors.Forbidden($"This name \"{name}\" is already in use.");
        }

        if (request.Headers[InstanceGuardFilter.HeaderName].ToString() != options.Value.ApiKey)
        {
            return EvolutionErrors.Unauthorized();
        }

        var check = new SchemaCheck();
        if (check.Body(body.Node) is { } valid)
        {
            check.String(valid, "instance", "instanceName");
            check.String(valid, "instance", "token");
            check.String(valid, "instance", "number");
            check.Boolean(valid, "instance", "qrcode");
        }

        if (!check.IsValid)
        {
            return EvolutionErrors.Validation(check.Messages);
        }

        if (string.IsNullOrEmpty(name))
        {
            return EvolutionErrors.BadRequest("\"instanceName\" not provided.");
        }

        // Only the Baileys channel is simulated; the real gateway also answers "Invalid integration" when it is missing.
        if (Text(obj, "integration") != Baileys)
        {
            return EvolutionErrors.BadRequest("Invalid integration");
        }

        var number = Text(obj, "number") is { } raw ? Jid.User(Jid.FromNumber(raw)) : null;
        var webhook = obj["webhook"] as JsonObject;
        var now = clock.GetCurrentInstant();
        var settings = Text(webhook, "url") is { } url ? FromCreate(webhook!, url, now) : null;
        // Without qrcode the real gateway does not start Baileys: sends answer a TypeError until a connect.
        var wantsQr = obj["qrcode"] is JsonValue q && q.TryGetValue<bool>(out var flag) && flag;
        if (registry.TryCreate(name, Text(obj, "token"), number, settings, started: wantsQr) is not { } instance)
        {
            return EvolutionErrors.Forbidden($"This name \"{name}\" is already in use.");
        }

        var qr = wantsQr ? registry.Connect(instance) : null;
        return TypedResults.Created(
            (string?)null,
            new CreateInstanceResponse(
                new CreateInstanceResponse.InstanceInfo(
                    name, instance.InstanceId.ToString(), Baileys, null, "", qr is null ? ConnectionState.Close : ConnectionState.Connecting),
                instance.Token,
                new CreateInstanceResponse.WebhookInfo(
                    Text(webhook, "url"), webhook?["headers"]?.DeepClone() as JsonObject, Flag(webhook, "byEvents"), Flag(webhook, "base64")),
                new CreateInstanceResponse.Enabled(Flag(obj["websocket"] as JsonObject, "enabled")),
                new CreateInstanceResponse.Enabled(Flag(obj["rabbitmq"] as JsonObject, "enabled")),
                new CreateInstanceResponse.Enabled(Flag(obj["nats"] as JsonObject, "enabled")),
                new CreateInstanceResponse.Enabled(Flag(obj["sqs"] as JsonObject, "enabled")),
                Settings(obj),
                qr));
    }

    private static Results<Ok<FetchedInstance[]>, JsonHttpResult<EvolutionError>> Fetch(
        HttpRequest request, string? instanceName, InstanceRegistry registry, MessageStore messages, IOptions<SandboxOptions> options)
    {
        var key = request.Headers[InstanceGuardFilter.HeaderName].ToString();
        if (key.Length == 0)
        {
            return EvolutionErrors.Unauthorized();
        }

        if (key != options.Value.ApiKey)
        {
            // An instance token sees only its own instance (instance.controller.ts fetchInstances).
            var own = registry.All().Where(i => i.Token == key && (instanceName is null || i.Name == instanceName)).ToArray();
            return own.Length == 0 ? EvolutionErrors.Unauthorized() : TypedResults.Ok(own.Select(i => Fetched(i, messages)).ToArray());
        }

        if (instanceName is not null && registry.Find(instanceName) is null)
        {
            return EvolutionErrors.NotFound($"Instance \"{instanceName}\" not found");
        }

        return TypedResults.Ok(registry.All()
            .Where(i => instanceName is null || i.Name == instanceName)
            .Select(i => Fetched(i, messages))
            .ToArray());
    }

    private static Ok<ConnectionStateResponse> State(HttpContext http) =>
        TypedResults.Ok(StateOf(InstanceGuardFilter.Instance(http)));

    private static Results<Ok<ConnectionStateResponse>, Ok<QrCodeResponse>> Connect(HttpContext http, InstanceRegistry registry)
    {
        var instance = InstanceGuardFilter.Instance(http);
        return instance.State == ConnectionState.Open ? TypedResults.Ok(StateOf(instance)) : TypedResults.Ok(registry.Connect(instance));
    }

    private static Results<Ok<ActionResponse>, JsonHttpResult<EvolutionError>> Logout(HttpContext http, InstanceRegistry registry)
    {
        var instance = InstanceGuardFilter.Instance(http);
        if (instance.State == ConnectionState.Close)
        {
            return EvolutionErrors.BadRequest($"The \"{instance.Name}\" instance is not connected");
        }

        registry.Close(instance, 401);
        return TypedResults.Ok(ActionResponse.Success("Instance logged out"));
    }

    private static Ok<ActionResponse> Delete(HttpContext http, InstanceRegistry registry)
    {
        var instance = InstanceGuardFilter.Instance(http);
        registry.Close(instance, 401);
        registry.Remove(instance.Name);
        return TypedResults.Ok(ActionResponse.Success("Instance deleted"));
    }

    private static ConnectionStateResponse StateOf(SandboxInstance instance) =>
        new(new ConnectionStateResponse.Body(instance.Name, instance.State));

    private static FetchedInstance Fetched(SandboxInstance instance, MessageStore messages)
    {
        var snapshot = instance.Snapshot();
        var (count, chats) = messages.Counts(instance.Name);
        return new FetchedInstance(
            instance.InstanceId.ToString(), instance.Name, snapshot.State, instance.OwnerJid, instance.ProfileName, null, Baileys,
            instance.Number, null, instance.Token, "sandbox", snapshot.DisconnectionReasonCode, null,
            snapshot.DisconnectionAt is { } at ? WireTime.Format(at) : null, WireTime.Format(instance.CreatedAt),
            WireTime.Format(snapshot.UpdatedAt), null, null, null, null, null, null, Settings([]),
            new FetchedInstance.Counts(count, chats, chats));
    }

    /// <summary>The <c>settings</c> of create: each flag true only when sent as true.</summary>
    private static JsonObject Settings(JsonObject body) => new()
    {
        ["rejectCall"] = Flag(body, "rejectCall") == true,
        ["msgCall"] = Text(body, "msgCall") ?? "",
        ["groupsIgnore"] = Flag(body, "groupsIgnore") == true,
        ["alwaysOnline"] = Flag(body, "alwaysOnline") == true,
        ["readMessages"] = Flag(body, "readMessages") == true,
        ["readStatus"] = Flag(body, "readStatus") == true,
        ["syncFullHistory"] = Flag(body, "syncFullHistory") == true,
        ["wavoipToken"] = Text(body, "wavoipToken") ?? "",
    };

    /// <summary>A <c>webhook</c> given at create is set enabled, as <c>eventManager.setInstance</c> does; no events means all.</summary>
    private static WebhookSettings FromCreate(JsonObject webhook, string url, Instant now)
    {
        var events = (webhook["events"] as JsonArray)?.Select(e => e?.ToString() ?? "").Where(e => e.Length > 0).ToArray() ?? [];
        return new WebhookSettings(
            MessageIds.NewRowId(), true, url, webhook["headers"]?.DeepClone() as JsonObject, Flag(webhook, "byEvents") == true,
            Flag(webhook, "base64") == true, events.Length == 0 ? WebhookEvents.ConfigNames : events, now, now);
    }

    private static string? Text(JsonObject? obj, string name) =>
        obj?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool? Flag(JsonObject? obj, string name) =>
        obj?[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;
}
