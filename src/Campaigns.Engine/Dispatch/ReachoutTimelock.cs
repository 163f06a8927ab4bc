using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// Recognises WhatsApp's reach-out timelock (error 463: no messages to new contacts until an end time) in a gateway's
/// words, as the libraries report it: whatsmeow / WAHA "server returned error 463" (WAHA's Portuguese "o servidor
/// retornou o erro 463"), Baileys' nack 463, "reachout"/"reach-out" "timelock", newer Baileys "account has been
/// restricted", and a message stub parameter "463". The one place that decides it (dispatch's answers, and later the
/// webhook processor's <c>messages.update</c> ERROR with stub 463).
/// </summary>
internal static partial class ReachoutTimelock
{
    /// <summary>The restriction's kind, as stored in <c>senders.restriction</c> and shown by the API.</summary>
    public const string Kind = "reachout_timelock";

    /// <summary>Whether any of the texts reports a reach-out timelock.</summary>
    public static bool IsReported(IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Any(t => t is not null && (t.Trim() == "463" || Words().IsMatch(t)));
    }

    /// <summary>
    /// The lock's end when the texts carry one (an ISO-8601 time with an offset, e.g. whatsmeow's
    /// <c>TimeEnforcementEnds</c>), else null: the caller then assumes <c>Dispatch:TimelockDuration</c>.
    /// </summary>
    public static Instant? EndIn(IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var text in texts)
        {
            if (text is null)
            {
                continue;
            }

            foreach (Match match in Time().Matches(text))
            {
                var value = Offset().Replace(match.Value, "$1:$2"); // -0300 → -03:00
                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end))
                {
                    return Instant.FromDateTimeOffset(end);
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"\berr(?:or|o)?\b\W{0,3}463\b|\b463\b[^\n]{0,40}\bnack\b|reach[- ]?out|time[- ]?lock|account has been restricted",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s?(?:Z|[+-]\d{2}:?\d{2})", RegexOptions.CultureInvariant)]
    private static partial Regex Time();

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Offset();
}
