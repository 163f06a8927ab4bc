using NodaTime;

namespace Campaigns.Engine.Suppressions;

/// <summary>A suppressed number (E.164), why it was suppressed (<c>manual</c>, <c>opt-out</c>…), and since when.</summary>
internal sealed record Suppression(string Phone, string Reason, Instant CreatedAt);
