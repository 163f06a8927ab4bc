using Campaigns.Domain.Replies;

namespace Campaigns.Engine.Replies;

/// <summary>The opt-out words every tenant has (section <c>OptOut</c>); a tenant adds its own (<see cref="OptOutSettings"/>).</summary>
internal sealed class OptOutOptions
{
    public const string SectionName = "OptOut";

    /// <value>
    /// The opt-out words, replacing the defaults when set (<c>OptOut:StopKeywords:0</c>, …). Default null:
    /// <see cref="OptOutKeywords.DefaultStop"/> (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT, PARAR, SAIR,
    /// CANCELAR, DESCADASTRAR, BAJA, ARRET). Each needs a letter or digit.
    /// </value>
    public string[]? StopKeywords { get; set; }

    /// <value>
    /// The re-subscribe words, replacing the defaults when set. Default null: <see cref="OptOutKeywords.DefaultStart"/>
    /// (START, UNSTOP, RESUBSCRIBE, ALTA). Each needs a letter or digit; none may also be an opt-out word.
    /// </value>
    public string[]? StartKeywords { get; set; }

    /// <summary>The words in force.</summary>
    public OptOutKeywords Words() => new(StopKeywords ?? OptOutKeywords.DefaultStop, StartKeywords ?? OptOutKeywords.DefaultStart);

    /// <summary>Why these options cannot be used; null when they can.</summary>
    public string? Problem()
    {
        var stop = StopKeywords ?? OptOutKeywords.DefaultStop;
        var start = StartKeywords ?? OptOutKeywords.DefaultStart;
        if (stop.Concat(start).Any(w => OptOutText.Normalize(w).Length == 0))
        {
            return "Every OptOut keyword needs a letter or a digit.";
        }

        var starts = start.Select(OptOutText.Normalize).ToHashSet(StringComparer.Ordinal);
        return stop.FirstOrDefault(w => starts.Contains(OptOutText.Normalize(w))) is { } both
            ? $"OptOut keyword '{both}' is both an opt-out and a re-subscribe word."
            : null;
    }
}
