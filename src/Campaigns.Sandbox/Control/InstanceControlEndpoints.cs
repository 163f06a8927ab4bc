using System.Globalization;
using Campaigns.Sandbox.Audit;
using Campaigns.Sandbox.Gateway;
using Campaigns.Sandbox.Instances;
using Campaigns.Sandbox.Messages;
using Campaigns.Sandbox.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Campaigns.Sandbox.Control;

/// <summary>
/// Control of instances beyond linking: the zone of an instance's days, a scripted connection flap, a scripted reach-out
/// timelock (463) and a scripted restriction (every send answered ERROR), and many open instances in one call for
/// benchmarks.
/// </summary>
internal static class InstanceControlEndpoints
{
    private const int DefaultFlapMs = 500;

    public static RouteGroupBuilder MapInstanceControl(this RouteGroupBuilder sandbox)
    {
        sandbox.MapPost("/instances", CreateOpen).WithName("CreateOpenInstances").WithTags("Sandbox")
            .WithSummary("Create N linked, open instances with numbers in one call (benchmarks)");
        var instance = sandbox.MapGroup("/instances/{name}").WithTags("Sandbox");
        instance.MapPost("/time-zone", SetTimeZone).WithName("SetTimeZone")
            .WithSummary("The IANA zone in which the audit counts this instance's days");
        instance.MapPost("/flap", Flap).WithName("StartFlap")
            .WithSummary("Not open, flapping: connection.update 'connecting' every intervalMs (default 500) until it opens");
        instance.MapDelete("/flap", StopFlap).WithName("StopFlap").WithSummary("Stop a flap; the state stays as it is");
        instance.MapPost("/timelock", StartTimelock).WithName("StartTimelock")
            .WithSummary("Reach-out timelock until 'until': sends to numbers this instance never sent to answer 463 (mode error) or fail silently (mode silent)");
        instance.MapDelete("/timelock", EndTimelock).WithName("EndTimelock").WithSummary("End a reach-out timelock now");
        instance.MapPost("/restriction", StartRestriction).WithName("StartRestriction")
            .WithSummary("Restricted account: every send is answered 201 with status ERROR (and an ERROR update) until ended");
        instance.MapDelete("/restriction", EndRestriction).WithName("EndRestriction").WithSummary("End a scripted restriction");
        return sandbox;
    }

    private static Results<Ok<TimeZoneResponse>, ProblemHttpResult, ValidationProblem> SetTimeZone(
        string name, TimeZoneRequest request, InstanceRegistry registry)
    {
        if (registry.Find(name) is not { } instance)
        {
            return ControlEndpoints.UnknownInstance(name);
        }

        if (Zone(request.TimeZone) is not { } zone)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["timeZone"] = [$"'{request.TimeZone}' is not an IANA time zone (e.g. Africa/Nairobi)."],
            });
        }

        instance.TimeZone = zone;
        return TypedResults.Ok(new TimeZoneResponse(instance.Name, zone.Id));
    }

    private static Results<Ok<ConnectionStateResponse>, ProblemHttpResult, ValidationProblem> Flap(
        string name, int? intervalMs, InstanceRegistry registry)
    {
        if (registry.Find(name) is not { } instance)
        {
            return ControlEndpoints.UnknownInstance(name);
        }

        if (intervalMs is < 50 or > 600_000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["intervalMs"] = ["Must be between 50 and 600000 milliseconds."],
            });
        }

        registry.Flap(instance, TimeSpan.FromMilliseconds(intervalMs ?? DefaultFlapMs));
        return TypedResults.Ok(ControlEndpoints.StateOf(instance));
    }

    private static Results<NoContent, ProblemHttpResult> StopFlap(string name, InstanceRegistry registry)
    {
        if (registry.Find(name) is not { } instance)
        {
            return ControlEndpoints.UnknownInstance(name);
        }

        instance.StopFlap();
        return TypedResults.NoContent();
    }

    private static Results<Ok<TimelockResponse>, ProblemHttpResult, ValidationProblem> StartTimelock(
        string name, TimelockRequest request, InstanceRegistry registry, IClock clock)
    {
        if (registry.Find(name) is not { } instance)
        {
            return ControlEndpoints.UnknownInstance(name);
        }

        var errors = new Dictionary<string, string[]>();
        var now = clock.GetCurrentInstant();
        Instant? until = DateTimeOffset.TryParse(request.Until, CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            && request.Until!.Contains('T', StringComparison.Ordinal) ? Instant.FromDateTimeOffset(end) : null;
        if (until is null)
        {
            errors["until"] = ["Required: an ISO-8601 time with an offset, e.g. 2026-12-01T09:00:00Z."];
        }
        else if (until <= now)
        {
            errors["until"] = ["Must lie in the future."];
        }

        var mode = request.Mode ?? "error";
        if (mode is not ("error" or "silent"))
        {
            errors["mode"] = ["Use error or silent."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        instance.SetTimelock(new SandboxTimelock(until!.Value, mode == "silent"));
        return TypedResults.Ok(new TimelockResponse(instance.Name, WireTime.Format(until.Value), mode));
    }

    private static Results<NoContent, ProblemHttpResult> EndTimelock(string name, InstanceRegistry registry, SendLedger ledger, IClock clock)
    {
        if (registry.Find(name) is not { } instance)
        {
            return ControlEndpoints.UnknownInstance(name);
        }

        instance.SetTimelock(null);
        ledger.TimelockEnded(instance.Name, clock.GetCurrentInstant());
        return TypedResults.NoContent();
    }

    private static Results<NoContent, ProblemHttpResult> StartRestriction(string name, InstanceRegistry registry) =>
        Restrict(name, registry, true);

    private static Results<NoContent, ProblemHttpResult> EndRestriction(string name, InstanceRegistry registry) =>
        Restrict(name, registry, false);

    private static Results<NoContent, ProblemHttpResult> Restrict(string name, InstanceRegistry registry, bool on)
    {
        if (registry.Find(name) is not { } instance)
        {
            return ControlEndpoints.UnknownInstance(name);
        }

        instance.AnswersError = on;
        return TypedResults.NoContent();
    }

    private static Results<Created<OpenInstancesResponse>, ValidationProblem, ProblemHttpResult> CreateOpen(
        OpenInstancesRequest request, InstanceRegistry registry, IClock clock)
    {
        var errors = ControlEndpoints.Validate(request);
        var zone = Zone(request.TimeZone);
        if (request.TimeZone is not null && zone is null)
        {
            errors["timeZone"] = [$"'{request.TimeZone}' is not an IANA time zone (e.g. Africa/Nairobi)."];
        }

        var first = errors.ContainsKey("firstNumber") ? 0 : long.Parse(request.FirstNumber ?? "254700100000", CultureInfo.InvariantCulture);
        if (errors.Count == 0 && (first + request.Count!.Value - 1).ToString(CultureInfo.InvariantCulture).Length > 15)
        {
            errors["firstNumber"] = ["The last number would have more than 15 digits."];
        }

        if (request.WebhookUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            errors["webhookUrl"] = ["Must be an absolute http(s) URL."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetCurrentInstant();
        var webhook = request.WebhookUrl is { } hook
            ? new WebhookSettings(MessageIds.NewRowId(), true, hook.ToString(), null, false, false, WebhookEvents.ConfigNames, now, now)
            : null;
        var prefix = request.Prefix ?? "bench";
        if (registry.CreateOpen(prefix, request.Count!.Value, first, zone, request.DailyCap, webhook) is not { } created)
        {
            return TypedResults.Problem(
                $"An instance named '{prefix}-<n>' already exists; pick another prefix or reset.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Name taken");
        }

        return TypedResults.Created(
            (string?)null,
            new OpenInstancesResponse([.. created.Select(i => new OpenInstancesResponse.Item(
                i.Name, i.Token, i.Number!, i.InstanceId.ToString(), i.TimeZone.Id))]));
    }

    private static DateTimeZone? Zone(string? id) => id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
}
