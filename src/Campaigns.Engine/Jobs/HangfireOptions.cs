using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Jobs;

/// <summary>
/// Hangfire's storage and servers (section <c>Hangfire</c>). Jobs are kept in schema <see cref="HangfireSchema.Name"/>
/// of the campaigns database; the schema is installed by the migrations, never by a server.
/// </summary>
internal sealed class HangfireOptions
{
    public const string SectionName = "Hangfire";

    /// <value>
    /// How long an idle worker waits before it looks at the job queue again. Jobs enqueued by this process wake its
    /// workers at once; those of other processes wait up to this. Default 1 s; 100 ms to 1 minute.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <value>
    /// How long a fetched job stays invisible to other servers without a heartbeat (sliding: a running job's heartbeat
    /// keeps it, every fifth of this). A process that dies loses its jobs to another after about this. Default 5 minutes;
    /// 30 s to 1 hour.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <value>
    /// After how long a distributed lock of Hangfire (a row, not a PostgreSQL lock) left by a dead process is taken as
    /// expired. Default 2 minutes; 10 s to 1 hour.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <value>
    /// How often a server moves due delayed jobs to their queue and fires due recurring jobs: the lateness of a
    /// rescheduled prepare and of every recurring job. Default 2 s; 1 s to 1 minute.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <value>
    /// Workers of the server for queues <c>dispatch</c> and <c>default</c> in a process with the worker role
    /// (prepares have a server of their own, <c>Campaigns:Prepare:Workers</c> workers). Default 10; 1 to 200.
    /// </value>
    [Range(1, 200)]
    public int WorkerCount { get; set; } = 10;
}
