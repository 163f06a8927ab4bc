namespace Campaigns.Engine.Senders;

/// <summary>
/// The one rule of whether a sender can send now: its connection is <c>open</c>, it is not paused (by its user or by
/// dispatch), and it has a linked number (the budget belongs to the number; a sender whose number another live sender
/// already holds has none). Starting a campaign and assigning its recipients both ask it.
/// </summary>
internal static class SenderUsability
{
    /// <summary>The rule as SQL over <c>campaigns.senders</c> aliased <c>s</c>.</summary>
    public const string Sql = "(s.state = 'open' and s.paused_reason is null and s.phone is not null)";

    /// <summary>
    /// Usable and not under a reach-out timelock (<c>restricted_until</c> in the future), so it may message recipients
    /// it never talked with: what failover moves messages to, and what a campaign waits for (as SQL over <c>s</c>).
    /// </summary>
    public const string TakesFirstContactsSql = "(" + Sql + " and (s.restricted_until is null or s.restricted_until <= now()))";

    /// <summary>Why a sender cannot send, or null when it can.</summary>
    public static string? Refusal(string state, string? stateReason, string? pausedReason, string? phone)
    {
        if (state != "open")
        {
            return $"its connection is {state}" + (stateReason is null ? "" : $" ({stateReason})");
        }

        if (pausedReason is not null)
        {
            return $"it is paused ({pausedReason})";
        }

        return phone is null ? stateReason ?? "it has no linked number yet" : null;
    }
}
