namespace Campaigns.Engine.Webhooks;

/// <summary>What one <see cref="WebhookProcessJob"/> run did: rows claimed and what became of them.</summary>
internal sealed record WebhookRun(int Claimed, int Applied, int Ignored, int Retried, int Unmatched, int Failed)
{
    public static readonly WebhookRun None = new(0, 0, 0, 0, 0, 0);

    public static WebhookRun operator +(WebhookRun left, WebhookRun right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(
            left.Claimed + right.Claimed, left.Applied + right.Applied, left.Ignored + right.Ignored,
            left.Retried + right.Retried, left.Unmatched + right.Unmatched, left.Failed + right.Failed);
    }
}
