using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>What <see cref="Pacing.Decide"/> answers: <see cref="Send"/> now, or <see cref="Wait"/> until an instant.</summary>
public abstract record PacingDecision
{
    private PacingDecision()
    {
    }

    /// <summary>
    /// The number may send now. Store <paramref name="Day"/>, <paramref name="Cap"/> and <paramref name="SentToday"/>
    /// (the count including this send) with the claim.
    /// </summary>
    public sealed record Send(LocalDate Day, int Cap, int SentToday) : PacingDecision;

    /// <summary>The number may not send before <paramref name="Until"/>, for <paramref name="Reason"/>.</summary>
    public sealed record Wait(Instant Until, WaitReason Reason) : PacingDecision;
}
