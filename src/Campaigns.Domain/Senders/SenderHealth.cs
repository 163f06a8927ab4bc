using NodaTime;

namespace Campaigns.Domain.Senders;

/// <summary>
/// The health guard's rule: whether a sender's recent sends look like trouble, so that it should stop by itself before
/// WhatsApp stops it. Outcomes are one letter each, oldest first (<see cref="Sent"/>, <see cref="Refused"/>,
/// <see cref="NotOnWhatsApp"/>, <see cref="GatewayError"/>); only the last <see cref="HealthRules.Window"/> count.
/// </summary>
/// <remarks>
/// In order: disconnect flapping (the connection found not open <see cref="HealthRules.FlapPauses"/> times within
/// <see cref="HealthRules.FlapWindow"/>), a burst of not-on-WhatsApp answers (lookups of numbers that are not on
/// WhatsApp are a ban signal), a burst of gateway errors, then the failure share over the window, counted only once half
/// a window is known (two failures out of three sends say little).
/// </remarks>
public static class SenderHealth
{
    /// <summary>The gateway took the message.</summary>
    public const char Sent = 's';

    /// <summary>Refused for its recipient (a bad request, an ERROR answer for one message).</summary>
    public const char Refused = 'f';

    /// <summary>The recipient is not on WhatsApp.</summary>
    public const char NotOnWhatsApp = 'n';

    /// <summary>The gateway failed (5xx, unreachable, timeout) or answered the send with status ERROR.</summary>
    public const char GatewayError = 'e';

    /// <summary>The prefix of every reason the guard pauses with (<c>paused_reason</c>).</summary>
    public const string ReasonPrefix = "health:";

    /// <summary>The pause reason (<c>health:&lt;what&gt;</c>), or null when the sender looks healthy.</summary>
    /// <param name="outcomes">Recent outcomes, oldest first; longer than the window is allowed (the tail counts).</param>
    /// <param name="notOpenPauses">When dispatch found the connection not open (any order).</param>
    public static string? Judge(string outcomes, IEnumerable<Instant> notOpenPauses, Instant now, HealthRules rules)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(notOpenPauses);
        ArgumentNullException.ThrowIfNull(rules);
        if (notOpenPauses.Count(at => at > now - rules.FlapWindow && at <= now) >= rules.FlapPauses)
        {
            return ReasonPrefix + "flapping";
        }

        var window = outcomes.Length > rules.Window ? outcomes[^rules.Window..] : outcomes;
        if (window.Count(o => o == NotOnWhatsApp) >= rules.Burst)
        {
            return ReasonPrefix + "not_on_whatsapp";
        }

        if (window.Count(o => o == GatewayError) >= rules.Burst)
        {
            return ReasonPrefix + "gateway_errors";
        }

        var failures = window.Count(o => o is Refused or NotOnWhatsApp or GatewayError);
        return window.Length * 2 >= rules.Window && failures > rules.FailureShare * window.Length
            ? ReasonPrefix + "failure_share"
            : null;
    }
}
