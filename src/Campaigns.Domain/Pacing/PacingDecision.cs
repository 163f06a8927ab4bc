using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>What <c>Pacing.Decide</c> answers: <see cref="Send"/> now, or <see cref="Wait"/> until an instant.</summary>
public abstract record PacingDecision
{
    private PacingDecision()
    {
    }

    /// <summary>
    /// The number may send now. Store <paramref name="Day"/>, <paramref name="Cap"/> and <paramref name="SentToday"/>
    /// (the count including this send) with the claim.
    /// </summary>
    public sealed record Send(LocalDate Day, int Cap, int SentToday) : PacingDecision
    {
        /// <summary>
        /// Set when this send restarts the number's warm-up (it was idle too long): the day to store as its
        /// <see cref="PacingState.WarmUpFrom"/>. Null: the warm-up is left as it is.
        /// </summary>
        public LocalDate? WarmUpFrom { get; init; }
    }

    /// <summary>The number may not send before <paramref name="Until"/>, for <paramref name="Reason"/>.</summary>
    public sealed record Wait(Instant Until, WaitReason Reason) : PacingDecision;
}
