using System.ComponentModel.DataAnnotations;
using Campaigns.Sandbox.Faults;

namespace Campaigns.Sandbox.Control;

/// <summary>The body of <c>POST /sandbox/faults</c>: "the next <c>count</c> gateway requests get <c>kind</c>".</summary>
/// <param name="Kind"><c>429</c>, <c>500</c>, <c>hang</c> (held, nothing done) or <c>hangAfter</c> (done, answer held).</param>
/// <param name="Count">How many requests; default 1.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> of a 429; default 1.</param>
/// <param name="Instance">Only requests for this instance; default any request.</param>
internal sealed record FaultRequest(
    [property: Required] string? Kind,
    [property: Range(1, 100_000)] int? Count,
    [property: Range(0, 3600)] int? RetryAfterSeconds,
    string? Instance)
{
    public static readonly IReadOnlyDictionary<string, FaultKind> Kinds = new Dictionary<string, FaultKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["429"] = FaultKind.TooManyRequests,
        ["500"] = FaultKind.ServerError,
        ["hang"] = FaultKind.Hang,
        ["hangAfter"] = FaultKind.HangAfter,
    };

    public static string Name(FaultKind kind) => Kinds.First(k => k.Value == kind).Key;
}
