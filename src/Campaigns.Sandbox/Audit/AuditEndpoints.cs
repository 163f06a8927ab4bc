using Campaigns.Sandbox.Instances;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox.Audit;

/// <summary>The witness's routes: <c>GET /sandbox/audit</c> and the raw record, <c>GET /sandbox/sends</c>.</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder sandbox)
    {
        sandbox.MapGet("/audit", Audit).WithName("Audit").WithTags("Sandbox")
            .WithSummary("Per instance and in total: sends, violations of each ban-avoidance rule, examples; sends per recipient");
        sandbox.MapGet("/sends", Sends).WithName("Sends").WithTags("Sandbox")
            .WithSummary("Every send attempt that reached the network, in order; ?instance= to filter");
        return sandbox;
    }

    private static Ok<AuditReport> Audit(SendLedger ledger, InstanceRegistry registry, IOptions<AuditOptions> options)
    {
        var o = options.Value;
        return TypedResults.Ok(SendAuditor.Audit(
            ledger.Records(),
            registry.All().Select(i => new AuditedInstance(i.Name, i.Number, i.TimeZone, i.DailyCap ?? o.DailyCap)),
            o,
            ledger.TimelocksEnded()));
    }

    private static Ok<SendRecordResponse[]> Sends(string? instance, SendLedger ledger) =>
        TypedResults.Ok(ledger.Records()
            .Where(r => instance is null || r.Instance == instance)
            .Select(SendRecordResponse.From)
            .ToArray());
}
