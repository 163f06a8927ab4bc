using NodaTime;

namespace Campaigns.Engine.Senders;

/// <summary>A sender's budget now: sends counted today (local day), the day's cap, and the earliest next send (null: none planned).</summary>
internal sealed record SenderToday(LocalDate Day, int Sent, int Cap, Instant? NextSendAt);
