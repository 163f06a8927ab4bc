namespace Campaigns.Domain.Replies;

/// <summary>
/// The words that opt a number out of a tenant's messages, and those that opt it back in. A reply is a keyword only
/// when the whole message is one (compared in <see cref="OptOutText"/>'s form). The defaults are
/// <see cref="DefaultStop"/> and <see cref="DefaultStart"/>; a tenant adds its own opt-out words.
/// </summary>
public sealed class OptOutKeywords
{
    /// <summary>
    /// The default opt-out words: English (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT), Portuguese and
    /// Spanish (PARAR, SAIR, CANCELAR, DESCADASTRAR, BAJA) and French (ARRET, which also reads ARRÊT).
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultStop =
        ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "PARAR", "SAIR", "CANCELAR", "DESCADASTRAR", "BAJA", "ARRET"];

    /// <summary>The default re-subscribe words: START, UNSTOP, RESUBSCRIBE, and Spanish ALTA.</summary>
    public static readonly IReadOnlyList<string> DefaultStart = ["START", "UNSTOP", "RESUBSCRIBE", "ALTA"];

    private readonly HashSet<string> _stop;
    private readonly HashSet<string> _start;

    /// <param name="stop">The opt-out words, as written (normalised here).</param>
    /// <param name="start">The re-subscribe words, as written; they win over an opt-out word of the same form.</param>
    public OptOutKeywords(IEnumerable<string> stop, IEnumerable<string> start)
    {
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentNullException.ThrowIfNull(start);
        _stop = Forms(stop);
        _start = Forms(start);
    }

    /// <summary>The defaults alone.</summary>
    public static OptOutKeywords Default { get; } = new(DefaultStop, DefaultStart);

    /// <summary>These words with a tenant's own opt-out words added.</summary>
    public OptOutKeywords With(IEnumerable<string> tenantStop)
    {
        ArgumentNullException.ThrowIfNull(tenantStop);
        return new OptOutKeywords(_stop.Concat(tenantStop), _start);
    }

    /// <summary>Whether <paramref name="keyword"/> is a re-subscribe word (a tenant cannot make it an opt-out word).</summary>
    public bool IsStart(string keyword) => _start.Contains(OptOutText.Normalize(keyword));

    /// <summary>What the whole of <paramref name="text"/> asks for.</summary>
    public OptOutIntent Read(string? text)
    {
        var form = OptOutText.Normalize(text);
        if (form.Length == 0)
        {
            return OptOutIntent.None;
        }

        if (_start.Contains(form))
        {
            return OptOutIntent.Start;
        }

        return _stop.Contains(form) ? OptOutIntent.Stop : OptOutIntent.None;
    }

    private static HashSet<string> Forms(IEnumerable<string> words) =>
        words.Select(OptOutText.Normalize).Where(w => w.Length > 0).ToHashSet(StringComparer.Ordinal);
}
