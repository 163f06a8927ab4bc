using NodaTime;

namespace Campaigns.Engine.Senders;

/// <summary>A sender's budget now: sends counted today (local day), the day's cap, and the earliest next send (null: none planned).</summary>
internal sealed record SenderToday(LocalDate Day, int Sent, int Cap, Instant? NextSendAt)
{
    /// <summary>When its number's last send left; null when it never sent.</summary>
    public Instant? LastSentAt { get; init; }

    /// <summary>The day its number's warm-up ramp restarted (after idleness or a restriction); null: it never did.</summary>
    public LocalDate? WarmUpFrom { get; init; }

    /// <summary>Whether it has not sent for <c>Pacing:IdleFlagAfter</c> (7 days by default), or, never having sent, was registered that long ago.</summary>
    public bool Idle { get; init; }
}
