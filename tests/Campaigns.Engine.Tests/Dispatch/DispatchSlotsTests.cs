using Campaigns.Engine.Dispatch;
using Campaigns.Tests.Shared;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Campaigns.Engine.Tests.Dispatch;

public sealed class DispatchSlotsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    private DispatchSlots Slots => new(_kit.DataSource, DispatchKit.Wrap(DispatchKit.Options()));

    [Fact]
    public async Task Watchdog_FreeSlots_EnqueuesOneLoopEachAndNoneWhileTheyAreHeldOrReserved()
    {
        var jobs = new RecordingJobClient();
        var watchdog = new DispatchWatchdogJob(Slots, jobs, DispatchKit.Wrap(DispatchKit.Options(o => o.Loops = 3)));
        Assert.True(await Slots.TryAcquireAsync(1, "live loop", Cancel));

        Assert.Equal(2, await watchdog.RunAsync(Cancel));
        Assert.Equal([0, 2], jobs.Slots);

        Assert.Equal(0, await watchdog.RunAsync(Cancel)); // reserved: their loops are on their way
        Assert.True(await Slots.TryAcquireAsync(0, "loop of slot 0", Cancel)); // a reserved slot is its loop's to take
        Assert.False(await Slots.TryAcquireAsync(0, "a second copy", Cancel));

        await Slots.ReleaseAsync(1, "live loop", Cancel);
        Assert.Equal(1, await watchdog.RunAsync(Cancel));
        Assert.Equal([0, 2, 1], jobs.Slots);
    }

    /// <summary>Records the dispatch loops enqueued (the job client, not Hangfire's storage).</summary>
    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<int> Slots { get; } = [];

        public string Create(Job job, IState state)
        {
            Assert.Equal(nameof(DispatchLoopJob.RunAsync), job.Method.Name);
            Slots.Add((int)job.Args[0]);
            return Slots.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
