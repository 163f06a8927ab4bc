using System.Text.Json.Serialization;

namespace Campaigns.Sandbox.Audit;

/// <summary>How many times each ban-avoidance rule of DESIGN.md was broken. All zero means clean.</summary>
/// <param name="GapsUnderFloor">Sends of one linked number (all its instances together) that arrived closer than the
/// floor (default 1,000 ms) after the number's previous send arrived.</param>
/// <param name="OverDailyCap">Sends of one linked number beyond the daily cap within one local day of its time zone.</param>
/// <param name="IdenticalOverLimit">Sends of a normalised body to a recipient beyond the first 10 distinct recipients
/// of that body, counted over all instances.</param>
/// <param name="NotOnWhatsApp">Attempts to send to a number that is not on WhatsApp.</param>
/// <param name="WhileNotOpen">Attempts to send while the connection was not <c>open</c>, when the send arrived or when
/// it was about to leave.</param>
/// <param name="Duplicates">Repeats of the same normalised body to the same recipient, from any instance (every send
/// after the first).</param>
/// <param name="FirstContactWhileTimelocked">Attempts to send to a recipient the instance had never sent to, after the
/// instance had answered a reach-out timelock (463) and before that lock ended.</param>
internal sealed record AuditViolations(
    int GapsUnderFloor,
    int OverDailyCap,
    int IdenticalOverLimit,
    int NotOnWhatsApp,
    int WhileNotOpen,
    int Duplicates,
    int FirstContactWhileTimelocked)
{
    /// <summary>All violations together; not on the wire, whose shape is fixed for scripts.</summary>
    [JsonIgnore]
    public int Total => GapsUnderFloor + OverDailyCap + IdenticalOverLimit + NotOnWhatsApp + WhileNotOpen + Duplicates + FirstContactWhileTimelocked;
}
