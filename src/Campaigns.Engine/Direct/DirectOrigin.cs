namespace Campaigns.Engine.Direct;

/// <summary>Who asked for a direct send: the <c>origin</c> of its hidden campaign (migration 0021).</summary>
internal static class DirectOrigin
{
    /// <summary>A caller of <c>POST /api/messages</c>.</summary>
    public const string Api = "api";

    /// <summary>The tenant's opt-out confirmation, answering a recipient's opt-out reply.</summary>
    public const string OptOut = "opt_out";

    /// <summary>The tenant's re-subscribe confirmation, answering a recipient's re-subscribe reply.</summary>
    public const string Resubscribe = "resubscribe";
}
