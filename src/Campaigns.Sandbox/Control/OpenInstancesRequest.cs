using System.ComponentModel.DataAnnotations;

namespace Campaigns.Sandbox.Control;

/// <summary>The body of <c>POST /sandbox/instances</c>: many linked, open instances in one call (for benchmarks).</summary>
/// <param name="Count">How many; 1 to 10,000.</param>
/// <param name="Prefix">Names are <c>{prefix}-1</c>, <c>{prefix}-2</c>…; tokens <c>{PREFIX}-1-TOKEN</c>…; default <c>bench</c>.</param>
/// <param name="FirstNumber">The first linked number (digits); the others count up from it; default <c>254700100000</c>.</param>
/// <param name="TimeZone">The IANA zone of their days; default each number's own zone.</param>
/// <param name="DailyCap">Their cap for the audit; default <c>Sandbox:Audit:DailyCap</c>.</param>
/// <param name="WebhookUrl">A webhook with every event, as if <c>/webhook/set</c> had been called; default none.</param>
internal sealed record OpenInstancesRequest(
    [property: Required, Range(1, 10_000)] int? Count,
    [property: RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$")] string? Prefix,
    [property: RegularExpression(@"^[1-9]\d{5,14}$")] string? FirstNumber,
    string? TimeZone,
    [property: Range(1, 100_000)] int? DailyCap,
    Uri? WebhookUrl);
