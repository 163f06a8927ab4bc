namespace Campaigns.Bench.Cluster;

/// <summary>
/// How well the engine used each number's budget. Utilisation = Σ drawn gaps ÷ Σ actual gaps between consecutive sends
/// of one number, as the gateway received them (1 = every send as early as its drawn gap allowed). Pacing error = a
/// send's actual start − its planned start (the number's due time when it was claimed).
/// </summary>
/// <param name="UtilisationError">
/// Null when every drawn gap is recorded; else two standard errors of the estimate that stands the pacing's mean gap in
/// for the unrecorded draws (uniform jitter: σ = (max − min) / √12 per gap).
/// </param>
/// <param name="ErrorSource">Where the pacing error comes from: the messages' due times, the engine's claim-lag histogram, or nowhere (null).</param>
internal sealed record PacingFigures(
    double Utilisation,
    double? UtilisationError,
    bool DrawnGapsRecorded,
    double MeanActualGapMs,
    double MeanDrawnGapMs,
    double? ErrorP50Ms,
    double? ErrorP99Ms,
    string? ErrorSource)
{
    /// <summary>The metric the dispatcher records its claim lag in (claimed − <c>next_send_at</c>), as Prometheus names it.</summary>
    public const string ClaimLagMetric = "campaigns_dispatch_claim_lag_milliseconds";

    public string ErrorText => ErrorP50Ms is { } p50 && ErrorP99Ms is { } p99
        ? $"{p50:F0} / {p99:F0} ms"
        : "n/a";

    /// <summary>
    /// The drawn gap of a pair is the one recorded on its later message (the gap drawn after the earlier send that made
    /// the number due again); where none is recorded, the mean gap of <paramref name="pacing"/> stands in for it. The
    /// pacing error is the gateway's receipt − the message's due time where recorded, else the quantiles of
    /// <paramref name="claimLag"/> (the engine's own claimed − due).
    /// </summary>
    public static PacingFigures Of(IReadOnlyList<SandboxSend> sends, IReadOnlyList<MessageRecord> messages, SenderPacing pacing, Histogram claimLag)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        ArgumentNullException.ThrowIfNull(claimLag);
        var byPhone = messages.GroupBy(m => m.Digits, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var drawnSum = 0.0;
        var actualSum = 0.0;
        var pairs = 0;
        var estimated = 0;
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
                }
                else
                {
                    drawnSum += pacing.MeanGapMs;
                    estimated++;
                }
            }
        }

        var utilisation = actualSum > 0 ? drawnSum / actualSum : double.NaN;
        double? utilisationError = estimated == 0 || actualSum <= 0
            ? null
            : 2 * ((pacing.JitterMaxMs - pacing.JitterMinMs) / Math.Sqrt(12)) * Math.Sqrt(estimated) / actualSum;

        var errors = sends.Where(s => s.WasSent)
            .Select(s => byPhone.GetValueOrDefault(s.RecipientDigits)?.DueAt is { } due ? (s.Receipt - due).TotalMilliseconds : (double?)null)
            .OfType<double>()
            .Order()
            .ToArray();
        var (p50, p99, source) = errors.Length > 0
            ? (Percentile(errors, 0.50), Percentile(errors, 0.99), "gateway receipt − due time")
            : claimLag.Count > 0
                ? (claimLag.Quantile(0.50), claimLag.Quantile(0.99), "claim lag histogram of /metrics")
                : ((double?)null, (double?)null, (string?)null);
        return new PacingFigures(
            utilisation, utilisationError, pairs > 0 && estimated == 0, actualSum / Math.Max(1, pairs), drawnSum / Math.Max(1, pairs), p50, p99, source);
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
}
