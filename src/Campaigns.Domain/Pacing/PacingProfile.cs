namespace Campaigns.Domain.Pacing;

/// <summary>How a sender paces its sends (<c>senders.pacing_profile</c>).</summary>
public enum PacingProfile
{
    /// <summary>
    /// The default: the day's budget is spread over the open hours left (<see cref="SendGap.Plan"/>), never under the
    /// floor plus the jitter.
    /// </summary>
    Spread,

    /// <summary>Opt-in: only the floor plus the jitter (1 s + 1–5 s by default), as fast as the caps allow.</summary>
    Floor,
}
