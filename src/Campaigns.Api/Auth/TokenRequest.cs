namespace Campaigns.Api.Auth;

/// <summary>What a token may do and how long it lives; every member may be left out (all scopes, the configured lifetime).</summary>
/// <param name="Scopes">The scopes the token holds: senders, messages, campaigns, contacts, reports, settings. Default: all.</param>
/// <param name="ExpiresIn">Seconds the token lives, at most the server's token lifetime (default: that lifetime, 30 days unless configured).</param>
/// <param name="Name">A label written into the token (e.g. the branch it is for), 1–100 characters.</param>
public sealed record TokenRequest(IReadOnlyList<string?>? Scopes, int? ExpiresIn, string? Name);
