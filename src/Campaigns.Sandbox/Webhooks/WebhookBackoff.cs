namespace Campaigns.Sandbox.Webhooks;

/// <summary>
/// The pause before a webhook's next attempt, as Evolution's <c>retryWebhookRequest</c> computes it: the initial delay
/// doubled for each failed attempt, capped at the maximum, moved by up to ±jitter of itself, never under the initial
/// delay; then scaled by <see cref="WebhookOptions.RetryDelayScale"/>.
/// </summary>
internal static class WebhookBackoff
{
    /// <param name="failedAttempts">Attempts made so far (1 after the first failure).</param>
    /// <param name="options">The retry settings.</param>
    /// <param name="random">A number in [0, 1) that places the jitter.</param>
    public static TimeSpan Delay(int failedAttempts, WebhookOptions options, double random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failedAttempts);
        ArgumentNullException.ThrowIfNull(options);
        double initial = options.RetryInitialDelayMs;
        var next = Math.Min(initial * Math.Pow(2, Math.Min(failedAttempts - 1, 30)), options.RetryMaxDelayMs);
        var jitter = next * options.RetryJitter * ((random * 2) - 1);
        return TimeSpan.FromMilliseconds(Math.Max(initial, next + jitter) * options.RetryDelayScale);
    }
}
