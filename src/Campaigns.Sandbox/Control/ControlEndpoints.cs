using System.ComponentModel.DataAnnotations;
using Campaigns.Sandbox.Audit;
using Campaigns.Sandbox.Faults;
using Campaigns.Sandbox.Instances;
using Campaigns.Sandbox.Messages;
using Campaigns.Sandbox.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Sandbox.Control;

/// <summary>
/// The sandbox's own routes for tests and demos, under <c>/sandbox</c>: link and unlink phones, inject faults, flip
/// switches, reset. They take no key (the sandbox listens on loopback) and answer errors as problem details.
/// </summary>
internal static class ControlEndpoints
{
    public static RouteGroupBuilder MapControl(this RouteGroupBuilder sandbox)
    {
        var instances = sandbox.MapGroup("/instances/{name}").WithTags("Sandbox");
        instances.MapPost("/scan", Scan).WithName("ScanQr").WithSummary("Scan the QR of a connecting instance: it opens");
        instances.MapPost("/open", Open).WithName("OpenConnection").WithSummary("Open the connection from any state");
        instances.MapPost("/close", Close).WithName("CloseConnection")
            .WithSummary("Close the connection; statusReason (default 401) goes into connection.update");
        sandbox.MapInstanceControl();

        sandbox.MapGet("/faults", Faults).WithName("ListFaults").WithSummary("Faults still pending");
        sandbox.MapPost("/faults", AddFault).WithName("AddFault").WithSummary("The next N gateway requests answer 429 / 500 / hang");
        sandbox.MapDelete("/faults", ClearFaults).WithName("ClearFaults").WithSummary("Forget pending faults");
        sandbox.MapGet("/switches", Switches).WithName("GetSwitches").WithSummary("Latency and webhook duplicate / reorder");
        sandbox.MapPost("/switches", ChangeSwitches).WithName("ChangeSwitches").WithSummary("Change some switches");
        sandbox.MapPost("/reset", Reset).WithName("Reset")
            .WithSummary("Back to configuration: instances, messages, the record, faults, switches, pending webhooks");
        return sandbox;
    }

    private static Results<Ok<ConnectionStateResponse>, ProblemHttpResult> Scan(string name, InstanceRegistry registry)
    {
        if (registry.Find(name) is not { } instance)
        {
            return UnknownInstance(name);
        }

        if (instance.State == ConnectionState.Close)
        {
            return TypedResults.Problem(
                "The instance shows no QR code: call GET /instance/connect/{instance} first.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Not connecting");
        }

        registry.Open(instance);
        return TypedResults.Ok(StateOf(instance));
    }

    private static Results<Ok<ConnectionStateResponse>, ProblemHttpResult> Open(string name, InstanceRegistry registry)
    {
        if (registry.Find(name) is not { } instance)
        {
            return UnknownInstance(name);
        }

        registry.Open(instance);
        return TypedResults.Ok(StateOf(instance));
    }

    private static Results<Ok<ConnectionStateResponse>, ProblemHttpResult> Close(string name, int? statusReason, InstanceRegistry registry)
    {
        if (registry.Find(name) is not { } instance)
        {
            return UnknownInstance(name);
        }

        registry.Close(instance, statusReason ?? 401);
        return TypedResults.Ok(StateOf(instance));
    }

    private static Ok<FaultResponse[]> Faults(FaultInjector faults) =>
        TypedResults.Ok(faults.Pending().Select(FaultResponse.From).ToArray());

    private static Results<Ok<FaultResponse[]>, ValidationProblem> AddFault(FaultRequest request, FaultInjector faults)
    {
        var errors = Validate(request);
        if (request.Kind is not null && !FaultRequest.Kinds.ContainsKey(request.Kind))
        {
            errors["kind"] = [$"Use one of: {string.Join(", ", FaultRequest.Kinds.Keys)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        faults.Add(new FaultRule(FaultRequest.Kinds[request.Kind!], request.Count ?? 1, request.RetryAfterSeconds ?? 1, request.Instance));
        return Faults(faults);
    }

    private static NoContent ClearFaults(FaultInjector faults)
    {
        faults.Clear();
        return TypedResults.NoContent();
    }

    private static Ok<SwitchValues> Switches(SandboxSwitches switches) => TypedResults.Ok(switches.Values);

    private static Results<Ok<SwitchValues>, ValidationProblem> ChangeSwitches(SwitchesRequest request, SandboxSwitches switches)
    {
        var errors = Validate(request);
        var current = switches.Values;
        if (errors.Count == 0 && (request.SendLatencyMinMs ?? current.SendLatencyMinMs) > (request.SendLatencyMaxMs ?? current.SendLatencyMaxMs))
        {
            errors["sendLatencyMaxMs"] = ["Must not be under sendLatencyMinMs."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(switches.Change(current => new SwitchValues(
            request.LatencyMs ?? current.LatencyMs,
            request.WebhookDuplicateShare ?? current.WebhookDuplicateShare,
            request.WebhookReorder ?? current.WebhookReorder,
            request.SendLatencyMinMs ?? current.SendLatencyMinMs,
            request.SendLatencyMaxMs ?? current.SendLatencyMaxMs)));
    }

    private static NoContent Reset(
        InstanceRegistry registry,
        MessageStore messages,
        SendLedger ledger,
        FaultInjector faults,
        SandboxSwitches switches,
        WebhookQueue webhooks,
        ILogger<InstanceRegistry> logger)
    {
        webhooks.Reset();
        faults.Clear();
        switches.Reset();
        ledger.Reset();
        messages.Reset();
        registry.Reset();
        SandboxLog.Reset(logger);
        return TypedResults.NoContent();
    }

    internal static ConnectionStateResponse StateOf(SandboxInstance instance) =>
        new(new ConnectionStateResponse.Body(instance.Name, instance.State));

    internal static ProblemHttpResult UnknownInstance(string name) =>
        TypedResults.Problem($"No instance named '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>The DataAnnotations errors of a request body, keyed by camel-case field name.</summary>
    internal static Dictionary<string, string[]> Validate(object request)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        return results
            .SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(e => e.Member.Length == 0 ? "" : char.ToLowerInvariant(e.Member[0]) + e.Member[1..])
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "Invalid.").ToArray());
    }
}
