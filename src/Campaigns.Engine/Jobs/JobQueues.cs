namespace Campaigns.Engine.Jobs;

/// <summary>The Hangfire queues, in the order a server serves them.</summary>
internal static class JobQueues
{
    /// <summary>The dispatch loops: long-running, one per slot.</summary>
    public const string Dispatch = "dispatch";

    /// <summary>Prepares: CPU-heavy, served by a server of their own so that they cannot take every worker.</summary>
    public const string Prepare = "prepare";

    /// <summary>Everything else: sweepers, watchdogs, short jobs.</summary>
    public const string Default = "default";
}
