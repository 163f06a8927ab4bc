namespace Campaigns.Engine.Webhooks;

/// <summary>The stored outcomes of a processed inbox row (<c>webhook_inbox.outcome</c>).</summary>
internal static class WebhookOutcomes
{
    public const string Applied = "applied";
    public const string Ignored = "ignored";

    /// <summary>Its applier kept answering <see cref="ApplyResult.Retry"/> until <see cref="WebhookOptions.UnmatchedAfter"/>.</summary>
    public const string Unmatched = "unmatched";

    /// <summary>Applying it threw <see cref="WebhookOptions.MaxAttempts"/> times.</summary>
    public const string Failed = "failed";
}
