namespace Campaigns.Bench.Cluster;

/// <summary>
/// How well the engine used each number's budget. Utilisation = Σ drawn gaps ÷ Σ actual gaps between consecutive sends
/// of one number, as the gateway received them (1 = every send as early as its drawn gap allowed). Pacing error = a
/// send's receipt at the gateway − its planned start (the number's due time when the message was claimed).
/// </summary>
internal sealed record PacingFigures(
    double Utilisation,
    bool DrawnGapsRecorded,
    double MeanActualGapMs,
    double MeanDrawnGapMs,
    double? ErrorP50Ms,
    double? ErrorP99Ms)
{
    public string ErrorText => ErrorP50Ms is { } p50 && ErrorP99Ms is { } p99
        ? $"{p50:F0} / {p99:F0} ms"
        : "n/a (messages records no due time)";

    /// <summary>
    /// The drawn gap of a pair is the one recorded on its later message (the gap drawn after the earlier send that made
    /// the number due again); where none is recorded, the mean gap of <paramref name="pacing"/> stands in for it.
    /// </summary>
    public static PacingFigures Of(IReadOnlyList<SandboxSend> sends, IReadOnlyList<MessageRecord> messages, SenderPacing pacing)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        var byPhone = messages.GroupBy(m => m.Digits, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var drawnSum = 0.0;
        var actualSum = 0.0;
        var pairs = 0;
        var recorded = 0;
        foreach (var number in sends.Where(s => s.WasSent).GroupBy(s => s.SenderNumber ?? s.Instance, StringComparer.Ordinal))
        {
            var ordered = number.OrderBy(s => s.Receipt).ThenBy(s => s.Sequence).ToArray();
            for (var i = 1; i < ordered.Length; i++)
            {
                var later = ordered[i];
                actualSum += (later.Receipt - ordered[i - 1].Receipt).TotalMilliseconds;
                pairs++;
                if (byPhone.GetValueOrDefault(later.RecipientDigits)?.DrawnGapMs is { } drawn)
                {
                    drawnSum += drawn;
                    recorded++;
                }
                else
                {
                    drawnSum += pacing.MeanGapMs;
                }
            }
        }

        var errors = sends.Where(s => s.WasSent)
            .Select(s => byPhone.GetValueOrDefault(s.RecipientDigits)?.DueAt is { } due ? (s.Receipt - due).TotalMilliseconds : (double?)null)
            .OfType<double>()
            .Order()
            .ToArray();
        return new PacingFigures(
            actualSum > 0 ? drawnSum / actualSum : double.NaN,
            recorded > 0,
            actualSum / Math.Max(1, pairs),
            drawnSum / Math.Max(1, pairs),
            errors.Length == 0 ? null : Percentile(errors, 0.50),
            errors.Length == 0 ? null : Percentile(errors, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
}
