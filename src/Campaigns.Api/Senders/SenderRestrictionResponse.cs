namespace Campaigns.Api.Senders;

/// <summary>
/// A restriction in force: until <see cref="Until"/> the sender sends only to recipients it already contacted (first
/// contacts wait, or move to the campaign's other senders).
/// </summary>
/// <param name="Kind">What restricted it: <c>reachout_timelock</c> (WhatsApp's error 463).</param>
/// <param name="Until">When it ends (the gateway's word, else <c>Dispatch:TimelockDuration</c> after it began).</param>
/// <param name="Since">When it began.</param>
internal sealed record SenderRestrictionResponse(string Kind, DateTimeOffset Until, DateTimeOffset Since);
