using Campaigns.Engine.Alerts;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Precheck;
using Campaigns.Engine.Receipts;
using Campaigns.Engine.Webhooks;
using Hangfire;

namespace Campaigns.Engine.Jobs;

/// <summary>
/// Every recurring job of the product, in one place: its id (as the dashboard shows it), its schedule and its queue.
/// A process with the worker role registers them at start (<c>AddOrUpdate</c> is idempotent, so every such process may);
/// occurrences fire within Hangfire's <see cref="HangfireOptions.SchedulePollingInterval"/>, once across all processes.
/// </summary>
internal static class RecurringJobs
{
    /// <summary>Enqueues a prepare for campaigns left preparing with no live job (<see cref="PrepareSweepJob"/>).</summary>
    public const string PrepareSweep = "prepare-sweep";

    /// <summary>Starts scheduled campaigns whose start has passed and assigns running campaigns' pending recipients (<see cref="StartDueCampaignsJob"/>).</summary>
    public const string StartDueCampaigns = "start-due-campaigns";

    /// <summary>Enqueues a dispatch loop for every slot whose loop died or never ran (<see cref="DispatchWatchdogJob"/>).</summary>
    public const string DispatchWatchdog = "dispatch-watchdog";

    /// <summary>Settles sends left <c>sending</c> past their lease from the gateway's record (<see cref="DispatchReconciler"/>).</summary>
    public const string DispatchReconcile = "dispatch-reconcile";

    /// <summary>Checks queued recipients' numbers with the gateway, paced per number (<see cref="PrecheckJob"/>).</summary>
    public const string Precheck = "precheck";

    /// <summary>Moves queued messages off senders that cannot send them, and records campaigns that wait (<see cref="DispatchFailoverJob"/>).</summary>
    public const string DispatchFailover = "dispatch-failover";

    /// <summary>Flags sent messages without a delivery receipt and checks them with the gateway (<see cref="MissingReceiptsJob"/>).</summary>
    public const string MissingReceipts = "missing-receipts";

    /// <summary>Applies stored webhooks that are due: retries, and any a lost nudge left (<see cref="WebhookProcessJob"/>).</summary>
    public const string WebhookProcess = "webhook-process";

    /// <summary>Deletes old webhooks (<see cref="WebhookRetentionJob"/>).</summary>
    public const string WebhookRetention = "webhook-retention";

    /// <summary>Posts waiting alerts to tenants' alert URLs (<see cref="AlertDeliveryJob"/>).</summary>
    public const string AlertDelivery = "alert-delivery";

    public static void Register(IRecurringJobManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        manager.AddOrUpdate<PrepareSweepJob>(PrepareSweep, JobQueues.Default, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        manager.AddOrUpdate<StartDueCampaignsJob>(StartDueCampaigns, JobQueues.Default, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        // Every 15 s (Hangfire reads six-field cron with seconds): a process that died stops dispatching for at most
        // its slot lease plus this.
        manager.AddOrUpdate<DispatchWatchdogJob>(DispatchWatchdog, JobQueues.Default, job => job.RunAsync(CancellationToken.None), "*/15 * * * * *");
        manager.AddOrUpdate<DispatchReconciler>(DispatchReconcile, JobQueues.Default, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        // Every 5 s: a run makes at most one lookup per due number, and numbers wait Precheck:CallInterval between theirs.
        manager.AddOrUpdate<PrecheckJob>(Precheck, JobQueues.Default, job => job.RunAsync(null, CancellationToken.None), "*/5 * * * * *");
        manager.AddOrUpdate<DispatchFailoverJob>(DispatchFailover, JobQueues.Default, job => job.RunAsync(CancellationToken.None), "*/30 * * * * *");
        manager.AddOrUpdate<MissingReceiptsJob>(MissingReceipts, JobQueues.Default, job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        manager.AddOrUpdate<WebhookProcessJob>(WebhookProcess, JobQueues.Default, job => job.RunAsync(CancellationToken.None), "*/5 * * * * *");
        manager.AddOrUpdate<WebhookRetentionJob>(WebhookRetention, JobQueues.Default, job => job.RunAsync(CancellationToken.None), "*/10 * * * *");
        manager.AddOrUpdate<AlertDeliveryJob>(AlertDelivery, JobQueues.Default, job => job.RunAsync(CancellationToken.None), "*/5 * * * * *");
    }
}
