using NodaTime;

namespace Campaigns.Engine.Senders;

/// <summary>A sender's restriction in force: what (e.g. <c>reachout_timelock</c>), until when, since when.</summary>
internal sealed record SenderRestriction(string Kind, Instant Until, Instant Since);
