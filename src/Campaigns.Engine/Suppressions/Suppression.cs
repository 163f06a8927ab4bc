using NodaTime;

namespace Campaigns.Engine.Suppressions;

/// <summary>
/// A suppressed number (E.164), why it was suppressed (<c>manual</c>, <c>opt_out</c>…), since when, and its detail (the
/// opt-out message as the recipient wrote it).
/// </summary>
internal sealed record Suppression(string Phone, string Reason, Instant CreatedAt, string? Detail = null);
