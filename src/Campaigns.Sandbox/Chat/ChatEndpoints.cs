using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Sandbox.Audit;
using Campaigns.Sandbox.Gateway;
using Campaigns.Sandbox.Instances;
using Campaigns.Sandbox.Messages;
using Campaigns.Sandbox.Network;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Sandbox.Chat;

/// <summary>The <c>/chat/*</c> routes: <c>whatsappNumbers</c> and <c>findMessages</c>.</summary>
internal static class ChatEndpoints
{
    private const string Path = "instance";

    public static RouteGroupBuilder MapChat(this RouteGroupBuilder guarded)
    {
        var group = guarded.MapGroup("/chat");
        group.MapPost("/whatsappNumbers/{instance}", WhatsAppNumbers).WithName("WhatsAppNumbers")
            .WithSummary("Which numbers are on WhatsApp; match results on 'number', not on order");
        group.MapPost("/findMessages/{instance}", FindMessages).WithName("FindMessages")
            .WithSummary("The instance's sent and received messages, newest first, paged");
        return group;
    }

    /// <remarks>
    /// This route's own try/catch answers 400 with the thrown object itself: schema errors come WITHOUT the
    /// <c>response</c> wrapper, and a missing <c>numbers</c> (a JavaScript TypeError) serialises to <c>{}</c>.
    /// </remarks>
    private static async Task<Results<Ok<OnWhatsAppResult[]>, JsonHttpResult<EvolutionRawError>, JsonHttpResult<JsonObject>, JsonHttpResult<EvolutionError>>>
        WhatsAppNumbers(HttpContext http, PhoneNetwork network, SendLedger ledger, CancellationToken cancellationToken)
    {
        var instance = InstanceGuardFilter.Instance(http);
        var body = await BodyRead.ReadAsync(http.Request, cancellationToken);
        if (body.Error is { } error)
        {
            return EvolutionErrors.UnreadableBody(error);
        }

        var check = new SchemaCheck();
        var obj = check.Body(body.Node);
        if (obj is not null)
        {
            check.StringArray(obj, Path, "numbers", 1, true, "\"numbers\" must be an array of numeric strings");
        }

        if (!check.IsValid)
        {
            return EvolutionErrors.UnwrappedValidation(check.Messages);
        }

        if (obj!["numbers"] is not JsonArray numbers)
        {
            return TypedResults.Json(new JsonObject(), statusCode: StatusCodes.Status400BadRequest);
        }

        if (!instance.Started)
        {
            // The socket is undefined: the TypeError serialises to {}.
            return TypedResults.Json(new JsonObject(), statusCode: StatusCodes.Status400BadRequest);
        }

        if (instance.State != ConnectionState.Open)
        {
            // Baileys' onWhatsApp throws a Boom, and this route's catch answers it raw (real/README.md).
            return TypedResults.Json(ClosedBoom(), statusCode: StatusCodes.Status400BadRequest);
        }

        var results = numbers.Select(n => n!.GetValue<string>()).Select(number =>
        {
            var jid = Jid.FromNumber(number);
            var exists = network.IsOnWhatsApp(jid);
            if (!exists)
            {
                ledger.ToldNotOnWhatsApp(jid);
            }

            return new OnWhatsAppResult(jid, exists, number);
        });

        // Like whatsappNumber(): groups before users, not in input order.
        return TypedResults.Ok(results
            .OrderBy(r => Jid.IsGroup(r.Jid) ? 0 : 1)
            .ThenBy(r => r.Jid, StringComparer.Ordinal)
            .ThenBy(r => r.Number, StringComparer.Ordinal)
            .ToArray());
    }

    private static async Task<Results<Ok<FindMessagesResponse>, JsonHttpResult<EvolutionError>>> FindMessages(
        HttpContext http, MessageStore store, CancellationToken cancellationToken)
    {
        var instance = InstanceGuardFilter.Instance(http);
        var body = await BodyRead.ReadAsync(http.Request, cancellationToken);
        if (body.Error is { } error)
        {
            return EvolutionErrors.UnreadableBody(error);
        }

        var check = new SchemaCheck();
        var obj = check.Body(body.Node);
        JsonObject? where = null;
        JsonObject? key = null;
        if (obj is not null)
        {
            where = check.Object(obj, Path, "where");
            if (where is not null)
            {
                check.String(where, $"{Path}.where", "_id", notEmptyDescription: "The \"_id\" cannot be empty");
                key = check.Object(where, $"{Path}.where", "key");
                if (key is not null)
                {
                    check.String(key, $"{Path}.where.key", "remoteJid", "The property cannot be empty", "The property cannot be empty");
                    check.String(key, $"{Path}.where.key", "id", "The property cannot be empty", "The property cannot be empty");
                    check.Boolean(key, $"{Path}.where.key", "fromMe");
                }
            }

            check.Integer(obj, Path, "limit");
        }

        if (!check.IsValid)
        {
            return EvolutionErrors.Validation(check.Messages);
        }

        var pageSize = Positive(obj?["offset"]) ?? 50;
        var page = Positive(obj?["page"]) ?? 1;
        var stamps = where?["messageTimestamp"] as JsonObject;
        var (from, to) = (UnixSeconds(stamps?["gte"]), UnixSeconds(stamps?["lte"]));
        var query = new MessageQuery(
            Text(where, "id"),
            Text(key, "id"),
            Text(key, "remoteJid"),
            // Quirk kept: fromMe:false is falsy, so Evolution ignores the filter.
            key?["fromMe"] is JsonValue f && f.TryGetValue<bool>(out var fromMe) && fromMe ? true : null,
            Text(where, "messageType"),
            Text(where, "source"),
            from is not null && to is not null ? from : null, // both bounds or none, as in fetchMessages()
            from is not null && to is not null ? to : null,
            page,
            pageSize);
        var (records, total) = store.Find(instance.Name, query);
        return TypedResults.Ok(new FindMessagesResponse(new FindMessagesResponse.Page(
            total, (total + pageSize - 1) / pageSize, page, [.. records.Select(r => r.ToFound())])));
    }

    /// <summary>The Boom of a closed socket, serialised as the real gateway does: 428 inside, 400 outside.</summary>
    private static JsonObject ClosedBoom() => new()
    {
        ["data"] = null,
        ["isBoom"] = true,
        ["isServer"] = false,
        ["output"] = new JsonObject
        {
            ["statusCode"] = 428,
            ["payload"] = new JsonObject
            {
                ["statusCode"] = 428,
                ["error"] = "Precondition Required",
                ["message"] = "Connection Closed",
            },
            ["headers"] = new JsonObject(),
        },
    };

    private static string? Text(JsonObject? obj, string name) =>
        obj?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static int? Positive(JsonNode? node)
    {
        var value = node?.GetValueKind() switch
        {
            JsonValueKind.Number => node.GetValue<double>(),
            JsonValueKind.String when double.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
        return value >= 1 ? (int)Math.Min(value, 100_000) : null;
    }

    /// <summary><c>new Date(x)</c> in seconds: an ISO date string, or milliseconds since the epoch.</summary>
    private static long? UnixSeconds(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String when DateTimeOffset.TryParse(
            node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at.ToUnixTimeSeconds(),
        JsonValueKind.Number => (long)Math.Floor(node.GetValue<double>() / 1000),
        _ => null,
    };
}
