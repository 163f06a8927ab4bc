namespace Campaigns.Sandbox.Control;

/// <summary>The body of <c>POST /sandbox/instances/{name}/timelock</c>.</summary>
/// <param name="Until">When the lock ends: ISO-8601 with an offset, in the future.</param>
/// <param name="Mode"><c>error</c> (default: 400 "server returned error 463") or <c>silent</c> (201 PENDING, then an ERROR update with stub 463).</param>
internal sealed record TimelockRequest(string? Until, string? Mode);
